// Variable names of resource URI templates, which the handler parameters bind.

/** Variable names of an RFC 6570 URI template (`file://{path}`, `{+rest}`, `{?q,lang}`, `{ids*}`). */
export function uriTemplateVariables(uri: string): string[] {
  const out: string[] = [];
  for (const m of uri.matchAll(/\{([^{}]*)\}/g)) {
    for (const part of m[1]!.replace(/^[+#./;?&=,!@|]/, '').split(',')) {
      const name = part.replace(/(\*|:\d+)$/, '').trim();
      if (/^[A-Za-z_][\w.]*$/.test(name) && !out.includes(name)) out.push(name);
    }
  }
  return out;
}

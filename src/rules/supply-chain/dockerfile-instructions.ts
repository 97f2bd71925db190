// A small Dockerfile reader for the container rules: instructions with their lines, continuations joined, stages counted.

export interface DockerInstruction {
  /** Upper-cased keyword: FROM, RUN, USER, ADD… */
  keyword: string;
  /** Arguments with line continuations joined by a space. */
  args: string;
  /** 0-based first line and last line of the instruction. */
  line: number;
  endLine: number;
  /** 0-based index of the build stage (each FROM starts one). */
  stage: number;
}

/** Parses instructions; heredoc bodies (`<<EOF` … `EOF`) belong to their instruction and are skipped. */
export function dockerInstructions(lines: readonly string[]): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  let escape = '\\';
  let stage = -1;
  let sawInstruction = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (!sawInstruction) {
      const directive = /^#\s*escape\s*=\s*(\S)/i.exec(trimmed);
      if (directive) escape = directive[1]!;
    }
    if (!trimmed || trimmed.startsWith('#')) continue;
    const m = /^([A-Za-z]+)(\s+|$)(.*)$/.exec(trimmed);
    if (!m) continue;
    sawInstruction = true;
    const start = i;
    let args = m[3]!;
    while (args.endsWith(escape) && i + 1 < lines.length) {
      args = args.slice(0, -1);
      i++;
      const next = lines[i]!.trim();
      if (next.startsWith('#')) continue;
      args += ` ${next}`;
    }
    const heredoc = /<<-?\s*["']?(\w+)["']?/.exec(args);
    if (heredoc) {
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== heredoc[1]) i++;
      if (i + 1 < lines.length) i++;
    }
    const keyword = m[1]!.toUpperCase();
    if (keyword === 'FROM') stage++;
    out.push({ keyword, args: args.trim(), line: start, endLine: i, stage: Math.max(stage, 0) });
  }
  return out;
}

/** The image reference of a FROM instruction, without `--platform=…` flags and the `AS name` suffix. */
export function fromImage(args: string): { image: string; alias?: string } {
  const parts = args.split(/\s+/).filter((p) => !p.startsWith('--'));
  const asIdx = parts.findIndex((p) => p.toLowerCase() === 'as');
  return { image: parts[0] ?? '', alias: asIdx > 0 ? parts[asIdx + 1]?.toLowerCase() : undefined };
}

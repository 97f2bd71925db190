// Pretty-prints JSON (as JSON.stringify(v, null, 2) does) and records where each value sits, by JSON pointer.
import type { Location } from '../model/location.js';

export interface JsonDocument {
  path: string;
  text: string;
  /** The `"key": value` pair (or array element) at a JSON pointer; the document's start when unknown. */
  locate(pointer: string): Location;
}

type Task =
  | { t: 'text'; s: string }
  | { t: 'value'; v: unknown; p: string; indent: string }
  | { t: 'start'; p: string }
  | { t: 'end'; p: string };

export function pointerOf(parts: readonly (string | number)[]): string {
  return parts.map((x) => `/${String(x).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** `skipKeys` are left out wherever they occur (e.g. `location` fields of facts that get their place from here). */
export function renderJsonDocument(path: string, value: unknown, skipKeys: ReadonlySet<string> = new Set()): JsonDocument {
  const out: string[] = [];
  let line = 1;
  let col = 1;
  const starts = new Map<string, [number, number]>();
  const spans = new Map<string, Location>();
  const write = (s: string) => {
    out.push(s);
    const nl = s.lastIndexOf('\n');
    if (nl === -1) col += s.length;
    else {
      for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) line++;
      col = s.length - nl;
    }
  };
  // An explicit stack: server-supplied schemas may nest deeply, and the probe's depth cap is configurable.
  const stack: Task[] = [{ t: 'end', p: '' }, { t: 'value', v: value, p: '', indent: '' }, { t: 'start', p: '' }];
  while (stack.length) {
    const task = stack.pop()!;
    if (task.t === 'text') write(task.s);
    else if (task.t === 'start') starts.set(task.p, [line, col]);
    else if (task.t === 'end') {
      const [sl, sc] = starts.get(task.p) ?? [line, col];
      spans.set(task.p, { path, startLine: sl, startColumn: sc, endLine: line, endColumn: col });
    } else {
      const v = task.v;
      if (v === null || typeof v !== 'object') {
        write(JSON.stringify(v) ?? 'null');
        continue;
      }
      const inner = `${task.indent}  `;
      const entries: [string | number, unknown][] = Array.isArray(v)
        ? v.map((x, i) => [i, x === undefined || typeof x === 'function' ? null : x])
        : Object.entries(v).filter(([k, x]) => x !== undefined && typeof x !== 'function' && !skipKeys.has(k));
      const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
      if (!entries.length) {
        write(`${open}${close}`);
        continue;
      }
      write(open);
      const tasks: Task[] = [];
      entries.forEach(([k, x], i) => {
        const p = `${task.p}/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`;
        tasks.push({ t: 'text', s: `\n${inner}` }, { t: 'start', p });
        if (typeof k === 'string') tasks.push({ t: 'text', s: `${JSON.stringify(k)}: ` });
        tasks.push({ t: 'value', v: x, p, indent: inner }, { t: 'end', p });
        if (i < entries.length - 1) tasks.push({ t: 'text', s: ',' });
      });
      tasks.push({ t: 'text', s: `\n${task.indent}${close}` });
      for (let i = tasks.length - 1; i >= 0; i--) stack.push(tasks[i]!);
    }
  }
  const text = `${out.join('')}\n`;
  const root = spans.get('')!;
  return { path, text, locate: (pointer) => spans.get(pointer) ?? { ...root, endLine: root.startLine, endColumn: root.startColumn + 1 } };
}

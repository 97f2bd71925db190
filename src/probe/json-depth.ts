// Nesting depth of a JSON text, measured without parsing, so a hostile message is refused before JSON.parse sees it.

/** True when arrays/objects nest deeper than `max` anywhere in `text` (strings are skipped). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * The same measure over a byte stream (an HTTP body or an SSE stream), fed chunk by chunk. SSE framing characters
 * are not brackets, so a stream of several messages returns to depth 0 between them.
 */
export class JsonDepthMeter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  constructor(private readonly max: number) {}

  /** Returns false once the depth went over the cap. */
  feed(chunk: Uint8Array): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22 || c === 0x0a) this.inString = false;
        continue;
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) {
        if (++this.depth > this.max) return false;
      } else if (c === 0x7d || c === 0x5d) this.depth = Math.max(0, this.depth - 1);
    }
    return true;
  }
}

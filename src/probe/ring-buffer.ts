// A bounded buffer that keeps the last bytes written to it: a server's stderr, however much it writes.
import { stripControl } from './text-safety.js';

export class RingBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes dropped from the front. */
  dropped = 0;
  constructor(private readonly capacity: number) {}

  push(chunk: Buffer): void {
    if (chunk.length >= this.capacity) {
      this.dropped += this.size + chunk.length - this.capacity;
      this.chunks = [chunk.subarray(chunk.length - this.capacity)];
      this.size = this.capacity;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.capacity) {
      const first = this.chunks[0]!;
      const over = this.size - this.capacity;
      if (first.length <= over) {
        this.chunks.shift();
        this.size -= first.length;
        this.dropped += first.length;
      } else {
        this.chunks[0] = first.subarray(over);
        this.size -= over;
        this.dropped += over;
      }
    }
  }

  /** The kept text with control characters removed, prefixed with a note when the start was dropped. */
  text(): string {
    const body = stripControl(Buffer.concat(this.chunks).toString('utf8'));
    return this.dropped ? `[${this.dropped} earlier bytes dropped]\n${body}` : body;
  }
}

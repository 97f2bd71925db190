// Builds tar and zip archives byte by byte, so tests can make the hostile ones that archiving libraries refuse to write.
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

export type TarType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'pax' | 'gnu-longname';
const TYPEFLAG: Record<TarType, string> = { file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6', pax: 'x', 'gnu-longname': 'L' };

export interface TarEntry {
  name: string;
  type?: TarType;
  body?: string | Buffer;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Size written in the header when it should differ from the body's length (a lie). */
  declaredSize?: number | string;
  /** Written into the header's checksum field instead of the correct value. */
  badChecksum?: boolean;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

export function tarHeader(e: TarEntry, bodyLength: number): Buffer {
  const h = Buffer.alloc(512, 0);
  const put = (s: string, off: number, len: number) => {
    const b = Buffer.from(s, 'utf8');
    b.copy(h, off, 0, Math.min(len, b.length));
  };
  put(e.name, 0, 100);
  put(octal(e.mode ?? (e.type === 'dir' ? 0o755 : 0o644), 8), 100, 8);
  put(octal(e.uid ?? 1000, 8), 108, 8);
  put(octal(e.gid ?? 1000, 8), 116, 8);
  const size = e.declaredSize ?? bodyLength;
  put(typeof size === 'string' ? size : octal(size, 12), 124, 12);
  put(octal(1_700_000_000, 12), 136, 12);
  put(TYPEFLAG[e.type ?? 'file'], 156, 1);
  if (e.linkname) put(e.linkname, 157, 100);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put('root', 265, 32);
  put('root', 297, 32);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  if (e.badChecksum) sum += 1;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

function pad(b: Buffer): Buffer {
  const rest = b.length % 512;
  return rest ? Buffer.concat([b, Buffer.alloc(512 - rest)]) : b;
}

/** One PAX extended-header record (`<len> key=value\n`, where len counts itself). */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

export function tar(entries: TarEntry[], { end = true }: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    // Names over the 100-byte header field travel in a PAX record, as real archivers write them.
    if (Buffer.byteLength(e.name) > 100 && e.type !== 'pax') {
      const pax = Buffer.from(paxRecord('path', e.name), 'utf8');
      parts.push(tarHeader({ name: 'PaxHeader', type: 'pax' }, pax.length), pad(pax));
    }
    const body = e.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.body) ? e.body : Buffer.from(e.body, 'utf8');
    parts.push(tarHeader(e, body.length), pad(body));
  }
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function tgz(entries: TarEntry[]): Buffer {
  return gzipSync(tar(entries));
}

export { gzipSync };

export interface ZipEntry {
  name: string;
  body?: string | Buffer;
  /** Unix mode including the file type bits (0o120777 for a symlink); written to the external attributes. */
  unixMode?: number;
  deflate?: boolean;
  /** Uncompressed size claimed in the central directory (a lie when set). */
  declaredSize?: number;
  encrypted?: boolean;
  utf8?: boolean;
}

export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = e.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.body) ? e.body : Buffer.from(e.body, 'utf8');
    const stored = e.deflate ? deflateRawSync(data) : data;
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(data);
    const flags = (e.utf8 === false ? 0 : 0x800) | (e.encrypted ? 1 : 0);
    const method = e.deflate ? 8 : 0;
    const usize = e.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5821, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(usize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5821, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length + (e.encrypted && !e.deflate ? 12 : 0), 20);
    central.writeUInt32LE(usize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(0, 30);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    const mode = e.unixMode ?? (e.name.endsWith('/') ? 0o040755 : 0o100644);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    const localAll = Buffer.concat([local, name, stored]);
    locals.push(localAll);
    centrals.push(Buffer.concat([central, name]));
    offset += localAll.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

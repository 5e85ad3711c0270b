import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { PmapError } from '../errors';

export interface DecodedFile {
  /** Text chunks, BOM removed. */
  stream: Readable;
  /** Share of the file's bytes read so far. */
  fraction: () => number;
  encoding: string;
  notes: string[];
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// "ï»¿" written out as UTF-8 again: a BOM that went through a Latin-1 round trip.
const DOUBLE_BOM = Buffer.from([0xc3, 0xaf, 0xc2, 0xbb, 0xc2, 0xbf]);

function isValidUtf8(buf: Buffer): boolean {
  // A sample may end inside a multi-byte sequence; drop an incomplete tail before checking.
  let end = buf.length;
  for (let i = Math.max(0, end - 4); i < end; i++) {
    const b = buf[i];
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (i + need > end) end = i;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens a text file whatever its encoding: UTF-8 (with or without a BOM, also a double-encoded BOM)
 * or a legacy single-byte one such as Windows-1251, detected with chardet when the bytes are not UTF-8.
 */
export function openText(file: string): DecodedFile {
  if (!fs.existsSync(file)) throw new PmapError('file_not_found', 'file not found', { file });
  const stat = fs.statSync(file);
  if (stat.isDirectory()) throw new PmapError('bad_file', 'is a directory, not a file', { file });
  if (stat.size === 0) throw PmapError.keyed('bad_file', 'import.empty_bytes', {}, { file });
  const fd = fs.openSync(file, 'r');
  const sample = Buffer.alloc(256 * 1024);
  const n = fs.readSync(fd, sample, 0, sample.length, 0);
  fs.closeSync(fd);
  const head = sample.subarray(0, n);
  let raw: fs.ReadStream | null = null;
  const tracked = (d: Omit<DecodedFile, 'fraction'>): DecodedFile => ({
    ...d,
    fraction: () => Math.min(1, (raw?.bytesRead ?? 0) / stat.size),
  });
  const decodeFrom = (start: number, encoding: string) => {
    raw = fs.createReadStream(file, { start });
    if (encoding === 'utf-8') {
      raw.setEncoding('utf8');
      return raw as Readable;
    }
    return raw.pipe(iconv.decodeStream(encoding)) as unknown as Readable;
  };
  if (head.subarray(0, 6).equals(DOUBLE_BOM)) {
    return tracked({
      stream: decodeFrom(6, 'utf-8'),
      encoding: 'utf-8',
      notes: ['removed a double-encoded UTF-8 BOM'],
    });
  }
  if (head.subarray(0, 3).equals(UTF8_BOM)) {
    return tracked({ stream: decodeFrom(3, 'utf-8'), encoding: 'utf-8', notes: ['removed a UTF-8 BOM'] });
  }
  if (isValidUtf8(head)) {
    const via = mojibakeSource(head.toString('utf8'));
    if (via) {
      return tracked({
        stream: decodeFrom(0, 'utf-8').pipe(undoMojibake(via)),
        encoding: 'utf-8',
        notes: [`repaired double-encoded UTF-8 (text had been decoded as ${via} and encoded again)`],
      });
    }
    return tracked({ stream: decodeFrom(0, 'utf-8'), encoding: 'utf-8', notes: [] });
  }
  const guess = (chardet.detect(head) ?? 'windows-1251').toLowerCase();
  // chardet often names KOI8-R or ISO-8859-x for short Cyrillic samples; Russian exports are windows-1251.
  const encoding = iconv.encodingExists(guess) && !/^(koi8|iso-8859|ibm|utf)/.test(guess) ? guess : 'windows-1251';
  return tracked({ stream: decodeFrom(0, encoding), encoding, notes: [`decoded as ${encoding} (not UTF-8)`] });
}

// Pairs that UTF-8 text shows after one wrong Latin-1/Windows-1252 round trip: "Ã©" for é, "Ð¯" for Я.
const MOJIBAKE = /[ÃÂÐÑ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]/g;

/**
 * The single-byte encoding that, undone, turns the sample back into valid UTF-8 — only when that is unambiguous:
 * every non-ASCII character must be representable in it, the bytes must form valid UTF-8, and mojibake pairs must
 * be common. Otherwise null (the text is left alone).
 */
export function mojibakeSource(sample: string): 'windows-1252' | 'latin1' | null {
  const pairs = sample.match(MOJIBAKE)?.length ?? 0;
  const nonAscii = sample.replace(/[\x00-\x7f]/g, '').length;
  if (pairs < 3 || pairs * 2 < nonAscii * 0.6) return null;
  for (const enc of ['windows-1252', 'latin1'] as const) {
    const bytes = iconv.encode(sample, enc);
    if (iconv.decode(bytes, enc) !== sample) continue; // a character this encoding cannot hold: not its mojibake
    if (isValidUtf8(bytes)) return enc;
  }
  return null;
}

function undoMojibake(via: 'windows-1252' | 'latin1'): Transform {
  const decoder = new StringDecoder('utf8');
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer | string, _enc, done) {
      done(null, decoder.write(iconv.encode(chunk.toString(), via)));
    },
    flush(done) {
      done(null, decoder.end());
    },
  });
}

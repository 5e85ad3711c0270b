import fs from 'node:fs';
import { Readable } from 'node:stream';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { PmapError } from '../errors';

export interface DecodedFile {
  /** Text chunks, BOM removed. */
  stream: Readable;
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
  if (stat.size === 0) throw new PmapError('bad_file', 'the file is empty (0 bytes)', { file });
  const fd = fs.openSync(file, 'r');
  const sample = Buffer.alloc(256 * 1024);
  const n = fs.readSync(fd, sample, 0, sample.length, 0);
  fs.closeSync(fd);
  const head = sample.subarray(0, n);
  if (head.subarray(0, 6).equals(DOUBLE_BOM)) {
    return { stream: decodeFrom(file, 6, 'utf-8'), encoding: 'utf-8', notes: ['removed a double-encoded UTF-8 BOM'] };
  }
  if (head.subarray(0, 3).equals(UTF8_BOM)) {
    return { stream: decodeFrom(file, 3, 'utf-8'), encoding: 'utf-8', notes: ['removed a UTF-8 BOM'] };
  }
  if (isValidUtf8(head)) return { stream: decodeFrom(file, 0, 'utf-8'), encoding: 'utf-8', notes: [] };
  const guess = (chardet.detect(head) ?? 'windows-1251').toLowerCase();
  // chardet often names KOI8-R or ISO-8859-x for short Cyrillic samples; Russian exports are windows-1251.
  const encoding = iconv.encodingExists(guess) && !/^(koi8|iso-8859|ibm|utf)/.test(guess) ? guess : 'windows-1251';
  return { stream: decodeFrom(file, 0, encoding), encoding, notes: [`decoded as ${encoding} (not UTF-8)`] };
}

function decodeFrom(file: string, start: number, encoding: string): Readable {
  const raw = fs.createReadStream(file, { start });
  if (encoding === 'utf-8') {
    raw.setEncoding('utf8');
    return raw;
  }
  return raw.pipe(iconv.decodeStream(encoding)) as unknown as Readable;
}

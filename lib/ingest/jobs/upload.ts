import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { env, uploadsDir } from '../../config/env';
import { PmapError } from '../../errors';
import { DAY_MS } from '../../domain/days';

export interface Upload {
  upload: string;
  name: string;
  bytes: number;
}

const UPLOAD_ID = /^[0-9a-f-]{36}$/;

/** A file name that is safe on disk and keeps its extension (the importers tell the format by it). */
export function safeName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).normalize('NFC');
  const clean = base
    .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
    .replace(/^\.+/, '')
    .slice(-150);
  return clean || 'upload';
}

/** Uploads nobody started within a day are removed, so abandoned files do not fill the disk. */
function removeStale(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const d of fs.readdirSync(dir)) {
    const p = path.join(dir, d);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > DAY_MS) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // another request removed it first
    }
  }
}

/**
 * Streams a request body to a file of its own under the uploads dir, chunk by chunk (never whole in memory), and
 * stops with too_large as soon as it passes PMAP_UPLOAD_MAX_MB, whatever Content-Length claimed.
 */
export async function saveUpload(
  body: ReadableStream<Uint8Array> | null,
  name: string,
  declared: number,
): Promise<Upload> {
  const max = env().PMAP_UPLOAD_MAX_MB * 1024 * 1024;
  if (declared > max) throw PmapError.keyed('too_large', 'import.too_large', { mb: env().PMAP_UPLOAD_MAX_MB });
  if (!body) throw PmapError.keyed('bad_argument', 'import.no_body');
  const root = uploadsDir();
  removeStale(root);
  const id = randomUUID();
  const dir = path.join(root, id);
  fs.mkdirSync(dir, { recursive: true });
  // Not a module path: keep the bundler from tracing the whole project for it.
  const file = path.join(/*turbopackIgnore: true*/ dir, safeName(name));
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(
        bytes > max ? PmapError.keyed('too_large', 'import.too_large', { mb: env().PMAP_UPLOAD_MAX_MB }) : null,
        chunk,
      );
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as unknown as WebStream<Uint8Array>), cap, fs.createWriteStream(file));
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e instanceof PmapError ? e : PmapError.keyed('bad_argument', 'import.interrupted');
  }
  if (bytes === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw PmapError.keyed('bad_file', 'import.empty_upload');
  }
  return { upload: id, name: path.basename(file), bytes };
}

/** The uploaded file of an upload id, or not_found. */
export function uploadedFile(upload: string): { dir: string; file: string; bytes: number } {
  if (!UPLOAD_ID.test(upload))
    throw new PmapError('bad_argument', 'upload: not an upload id', {}, 'import.upload_gone');
  const dir = path.join(uploadsDir(), upload);
  const name = fs.existsSync(dir) ? fs.readdirSync(dir)[0] : undefined;
  if (!name) throw PmapError.keyed('not_found', 'import.upload_gone');
  const file = path.join(dir, name);
  return { dir, file, bytes: fs.statSync(file).size };
}

/** Removes an upload the admin no longer wants (another file chosen, or given up after a failed import). */
export function discardUpload(upload: string): void {
  const { dir } = uploadedFile(upload);
  fs.rmSync(dir, { recursive: true, force: true });
}

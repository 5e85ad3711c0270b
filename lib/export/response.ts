import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { downloadHeaders, type TableFormat } from './formats';

/** A download answered from bytes in memory (small files: the road priorities). */
export function bytesDownload(
  bytes: Uint8Array,
  format: TableFormat,
  filename: string,
  extra: Record<string, string> = {},
): Response {
  return new Response(new Uint8Array(bytes), {
    headers: downloadHeaders(format, filename, { 'Content-Length': String(bytes.byteLength), ...extra }),
  });
}

/**
 * A download of any size: `write` writes the file into a fresh temporary directory (streaming, bounded memory) and
 * returns extra headers (rows, …); the file is streamed back with its length, and the directory goes when the stream
 * closes, or at once when `write` throws.
 */
export async function fileDownload(
  format: TableFormat,
  filename: string,
  write: (file: string) => Promise<Record<string, string>>,
): Promise<Response> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-export-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, `export.${format}`);
  try {
    const extra = await write(file);
    const size = fs.statSync(file).size;
    const stream = fs.createReadStream(file);
    stream.on('close', cleanup);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: downloadHeaders(format, filename, { 'Content-Length': String(size), ...extra }),
    });
  } catch (e) {
    cleanup();
    throw e;
  }
}

import { PmapError } from '../errors';

/**
 * A request body of at most maxBytes, whatever Content-Length claims: reading stops (and the stream is cancelled)
 * as soon as it passes the limit, so an endless or huge body costs at most maxBytes of memory.
 */
export async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw PmapError.keyed('too_large', 'request.too_large', { max: maxBytes });
  const reader = req.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw PmapError.keyed('too_large', 'request.too_large', { max: maxBytes });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

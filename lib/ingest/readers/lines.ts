/**
 * The lines of a text stream (LF or CR LF), never holding more than `maxChars` of one: a longer line is skipped as
 * it streams by and reported by its length instead, so one 200 MB line costs no more memory than a short one.
 */
export async function* boundedLines(
  stream: AsyncIterable<string | Buffer>,
  maxChars: number,
): AsyncGenerator<string | { tooLong: number }> {
  let buf = '';
  let skipped = 0; // > 0: the current line is over the limit; its length so far
  const end = () => (skipped ? { tooLong: skipped } : buf.endsWith('\r') ? buf.slice(0, -1) : buf);
  for await (const chunk of stream) {
    const s = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let start = 0;
    for (;;) {
      const nl = s.indexOf('\n', start);
      const piece = nl < 0 ? s.slice(start) : s.slice(start, nl);
      if (skipped) skipped += piece.length;
      else if (buf.length + piece.length > maxChars) {
        skipped = buf.length + piece.length;
        buf = '';
      } else buf += piece;
      if (nl < 0) break;
      yield end();
      buf = '';
      skipped = 0;
      start = nl + 1;
    }
  }
  if (skipped || buf) yield end();
}

/**
 * The app's HTTP server (`npm run serve`, `npm start`, the e2e tests): Next.js behind a thin Node server that
 * - refuses to start in production on missing or development secrets (one line naming the variable, exit 1);
 * - decides each request's client address from the socket and PMAP_TRUSTED_PROXIES, and hands it to the app in
 *   CLIENT_IP_HEADER, overwriting whatever a client sent under that name (rate limits and sign-in use it);
 * - sends HSTS when the public URL is https;
 * - answers a path that is not valid UTF-8 percent-encoding with a 400 (Next gives a 500);
 * - runs the background worker that groups a big import's appeals into problems after its commit (issue 21).
 * Next's own `next start` cannot do the middle part: a route handler never sees the socket's address, and Next keeps
 * a client's X-Forwarded-For as it came.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { ZodError } from 'zod';
import { getDb } from './db';
import { env } from './lib/config/env';
import { startServerWork } from './lib/enrich/problems/jobs';
import { localeOf, renderError } from './lib/i18n/errors';
import { CLIENT_IP_HEADER, clientAddress, parseTrustedProxies } from './lib/serve/clientAddress';

function fail(message: string): never {
  console.error(`pmap: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p', default: process.env.PORT ?? '3000' },
    hostname: { type: 'string', short: 'H', default: '0.0.0.0' },
    keepAliveTimeout: { type: 'string' },
  },
});

let trusted: ReturnType<typeof parseTrustedProxies>;
let hsts = false;
try {
  // In production env() throws on a missing or development secret (lib/config/env.ts productionSecretProblem).
  trusted = parseTrustedProxies(env().PMAP_TRUSTED_PROXIES);
  hsts = env().PMAP_BASE_URL?.startsWith('https:') ?? false;
} catch (e) {
  fail(
    e instanceof ZodError
      ? `${String(e.issues[0].path[0])}: ${e.issues[0].message}`
      : e instanceof Error
        ? e.message
        : String(e),
  );
}

const port = Number(values.port);
const app = next({ dev: false, hostname: values.hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

/** A path whose %-escapes are not UTF-8 (`/api/roads/segments/%FF`): Next answers those with a bare 500. */
function undecodablePath(url: string | undefined): boolean {
  try {
    decodeURIComponent((url ?? '/').split('?')[0]);
    return false;
  } catch {
    return true;
  }
}

const server = http.createServer((req, res) => {
  if (undecodablePath(req.url)) {
    res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
    // The same body as the app's errors (lib/serve/http.ts errorBody), in the language the client asks for.
    const message = renderError('request.bad_path', {}, localeOf(req.headers['accept-language']));
    res.end(JSON.stringify({ error: 'bad_argument', message, key: 'request.bad_path', params: {} }));
    return;
  }
  const xff = req.headers['x-forwarded-for'];
  req.headers[CLIENT_IP_HEADER] = clientAddress(
    req.socket.remoteAddress,
    Array.isArray(xff) ? xff.join(',') : xff,
    trusted,
  );
  if (hsts) res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  void handle(req, res);
});
if (values.keepAliveTimeout) server.keepAliveTimeout = Number(values.keepAliveTimeout);
server.listen(port, values.hostname, () => console.log(`pmap: serving on http://${values.hostname}:${port}`));
// Background jobs after imports' commits (issue 21: problem grouping), in this process unless PMAP_WORKER=0.
void getDb()
  .then(startServerWork)
  .catch((e: unknown) => console.error('pmap: background jobs did not start:', e instanceof Error ? e.message : e));

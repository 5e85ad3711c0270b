import { NextResponse, type NextRequest } from 'next/server';

/*
 * A fresh nonce per request and a strict Content-Security-Policy: only our scripts (Next passes the nonce to its own
 * inline bootstrap scripts) run, so an appeal text that smuggles <script> or on* handlers into a page cannot.
 * Inline style attributes stay allowed: React and MapLibre set them, and they do not execute code.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const dev = process.env.NODE_ENV !== 'production';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' https:",
    "connect-src 'self' https:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Pages only: API responses are JSON/files and static assets need no nonce.
  matcher: [{ source: '/((?!api/|_next/static|_next/image|favicon.ico|maplibre-gl-worker.mjs).*)' }],
};

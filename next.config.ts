import type { NextConfig } from 'next';

/** Baseline security headers; a stricter set (CSP etc.) is added here later. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
];

const nextConfig: NextConfig = {
  // Native/wasm database drivers must stay plain Node modules, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'pg', 'pg-copy-streams', 'kysely-pglite-dialect'],
  typedRoutes: false,
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // With nosniff the module worker must be served as JavaScript (see scripts/copy-maplibre-worker.mjs).
      { source: '/maplibre-gl-worker.mjs', headers: [{ key: 'Content-Type', value: 'text/javascript; charset=utf-8' }] },
    ];
  },
};

export default nextConfig;

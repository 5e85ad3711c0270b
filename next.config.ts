import type { NextConfig } from 'next';
import { testHooksDefine } from './lib/config/testHooks';

/** Security headers on every response; pages also get a per-request nonce CSP from proxy.ts. */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  // API responses carry no HTML; this CSP makes any that is sniffed inert and forbids framing.
  { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(self)' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const nextConfig: NextConfig = {
  // A second build directory lets parallel test runs build without overwriting each other's .next.
  distDir: process.env.PMAP_NEXT_DIST ?? '.next',
  // Native/wasm database drivers must stay plain Node modules, not bundled.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-postgis',
    'pg',
    'pg-copy-streams',
    'kysely-pglite-dialect',
  ],
  typedRoutes: false,
  poweredByHeader: false,
  // The browser tests' window.__pmap* hooks: built in with NEXT_PUBLIC_PMAP_TEST_HOOKS=1 only (lib/config/testHooks.ts).
  env: testHooksDefine(process.env),
  // Uploads and server actions: bodies above this are refused before any handler runs.
  experimental: { serverActions: { bodySizeLimit: '1mb' } },
  // Keep the dev badge off the filter panel.
  devIndicators: { position: 'bottom-right' },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders.filter((h) => h.key !== 'Content-Security-Policy') },
      { source: '/api/:path*', headers: securityHeaders.filter((h) => h.key === 'Content-Security-Policy') },
      // With nosniff the module worker must be served as JavaScript (see scripts/copy-maplibre-worker.mjs).
      {
        source: '/maplibre-gl-worker.mjs',
        headers: [{ key: 'Content-Type', value: 'text/javascript; charset=utf-8' }],
      },
    ];
  },
};

export default nextConfig;

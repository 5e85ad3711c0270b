import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS, decide } from '../../lib/auth/policy';
import { DOCUMENTED } from '../../lib/serve/openapi';
import { APP, routesFromCode } from '../helpers/routes';

describe('authorization rules cover the code', () => {
  const routes = routesFromCode();

  it('finds the routes (sanity: the scan is not empty)', () => {
    expect(routes.map((r) => r.pattern)).toEqual(
      expect.arrayContaining(['/map', '/api/health', '/api/appeals/hexagons']),
    );
  });

  it('every page and route handler has a rule (a new route without one fails here)', () => {
    const missing = routes.filter((r) => !(r.pattern in ACCESS)).map((r) => r.pattern);
    expect(missing).toEqual([]);
  });

  it('no rule is left for a route that no longer exists', () => {
    const patterns = new Set(routes.map((r) => r.pattern));
    expect(Object.keys(ACCESS).filter((p) => !patterns.has(p))).toEqual([]);
  });

  it('every API route is in the OpenAPI document', () => {
    const api = routes
      .filter((r) => r.kind === 'route')
      .map((r) => r.pattern)
      .sort();
    expect([...DOCUMENTED].sort()).toEqual(api);
  });

  it('route handlers pass their own pattern to the guard', () => {
    for (const r of routes.filter((x) => x.kind === 'route' && x.pattern !== '/api/auth/[...all]')) {
      const src = fs.readFileSync(path.join(APP, r.pattern, 'route.ts'), 'utf8');
      const used = [...src.matchAll(/route\('([^']+)'/g)].map((m) => m[1]);
      expect(used.length, r.pattern).toBeGreaterThan(0);
      expect(new Set(used), r.pattern).toEqual(new Set([r.pattern]));
    }
  });

  it('pages guard themselves with their own pattern (or are public)', () => {
    for (const r of routes.filter((x) => x.kind === 'page')) {
      const src = fs.readFileSync(path.join(APP, r.pattern === '/' ? '' : r.pattern, 'page.tsx'), 'utf8');
      if (ACCESS[r.pattern].includes('public')) continue;
      expect(src, r.pattern).toContain(`requirePage('${r.pattern}')`);
    }
  });
});

describe('decide()', () => {
  it.each([
    ['/map', null, 'unauthenticated'],
    ['/map', 'analyst', 'allow'],
    ['/map', 'road_agency', 'forbidden'],
    ['/admin/users', 'analyst', 'forbidden'],
    ['/admin/users', 'admin', 'allow'],
    ['/api/health', null, 'allow'],
    ['/api/public/hexagons', null, 'allow'],
    ['/api/not-a-route', 'admin', 'forbidden'],
    ['/api/not-a-route', null, 'unauthenticated'],
  ] as const)('%s as %s → %s', (pattern, role, expected) => {
    expect(decide(pattern, role)).toBe(expected);
  });
});

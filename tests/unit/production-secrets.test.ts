import { describe, expect, it } from 'vitest';
import { DEV_SECRETS, isProduction, productionSecretProblem } from '../../lib/config/env';

const real = (c: string) => c.repeat(40);

describe('production secrets', () => {
  it('names the missing, default, short or shared secret', () => {
    expect(productionSecretProblem({})).toMatch(/^PMAP_AUTH_SECRET is not set/);
    expect(productionSecretProblem({ PMAP_AUTH_SECRET: real('a') })).toMatch(/^PMAP_PSEUDONYM_KEY is not set/);
    expect(
      productionSecretProblem({ PMAP_AUTH_SECRET: DEV_SECRETS.PMAP_AUTH_SECRET, PMAP_PSEUDONYM_KEY: real('b') }),
    ).toMatch(/^PMAP_AUTH_SECRET is the public development default/);
    expect(
      productionSecretProblem({ PMAP_AUTH_SECRET: real('a'), PMAP_PSEUDONYM_KEY: DEV_SECRETS.PMAP_PSEUDONYM_KEY }),
    ).toMatch(/^PMAP_PSEUDONYM_KEY is the public development default/);
    expect(productionSecretProblem({ PMAP_AUTH_SECRET: 'short-secret', PMAP_PSEUDONYM_KEY: real('b') })).toMatch(
      /^PMAP_AUTH_SECRET is shorter than 32/,
    );
    expect(productionSecretProblem({ PMAP_AUTH_SECRET: real('a'), PMAP_PSEUDONYM_KEY: real('a') })).toMatch(
      /must differ/,
    );
    expect(productionSecretProblem({ PMAP_AUTH_SECRET: real('a'), PMAP_PSEUDONYM_KEY: real('b') })).toBeNull();
  });

  it('a production server is NODE_ENV=production outside next build', () => {
    expect(isProduction({ NODE_ENV: 'production' })).toBe(true);
    expect(isProduction({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })).toBe(false);
    expect(isProduction({ NODE_ENV: 'development' })).toBe(false);
    expect(isProduction({})).toBe(false);
  });
});

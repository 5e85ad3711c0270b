/*
 * Test hooks: the maps publish themselves on `window.__pmap*` (the map instance, "ready", which request's answer is
 * drawn) for the browser tests, and only there. They are built in when `next build` runs with
 * NEXT_PUBLIC_PMAP_TEST_HOOKS=1 (the build of scripts/test.sh, which the e2e suite runs against; scripts/e2e.sh
 * refuses a build without them). A production build (`npm run build`, scripts/start.sh) leaves them out.
 *
 * How: next.config.ts defines the variable on every build through testHooksDefine ('1' or '0', never undefined), and
 * each file that sets a hook starts with
 *   const TEST_HOOKS = process.env.NEXT_PUBLIC_PMAP_TEST_HOOKS === '1';
 * and writes every hook behind `if (TEST_HOOKS)`. The constant must be spelled in that file: the minifier folds it
 * and drops the branches, hook names included, only within one module (an imported constant stays a live binding).
 * tests/unit/test-hooks-flag.test.ts checks the pattern; scripts/check-no-test-hooks.sh checks a build.
 *
 * Read by next.config.ts and the tests: no imports.
 */

/** The build flag's name. */
export const TEST_HOOKS_FLAG = 'NEXT_PUBLIC_PMAP_TEST_HOOKS';

/** The value the build defines for the flag: '1' when the environment asks for the hooks, else '0'. */
export function testHooksDefine(env: Record<string, string | undefined>): { NEXT_PUBLIC_PMAP_TEST_HOOKS: '1' | '0' } {
  return { NEXT_PUBLIC_PMAP_TEST_HOOKS: env[TEST_HOOKS_FLAG] === '1' ? '1' : '0' };
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testHooksDefine } from '../../lib/config/testHooks';

// Issue 25: the browser-test hooks (window.__pmap*) are built only with NEXT_PUBLIC_PMAP_TEST_HOOKS=1. The flag's
// value is always defined at build time (so the minifier can drop the hooks), and every write of a hook sits behind it.
describe('the test-hook build flag', () => {
  it('is "1" only when the environment asks for the hooks, "0" otherwise (never left undefined)', () => {
    expect(testHooksDefine({ NEXT_PUBLIC_PMAP_TEST_HOOKS: '1' })).toEqual({ NEXT_PUBLIC_PMAP_TEST_HOOKS: '1' });
    for (const v of [undefined, '', '0', 'true', 'yes', ' 1']) {
      expect(testHooksDefine({ NEXT_PUBLIC_PMAP_TEST_HOOKS: v })).toEqual({ NEXT_PUBLIC_PMAP_TEST_HOOKS: '0' });
    }
  });

  it('is what next.config.ts defines', async () => {
    const text = fs.readFileSync(path.join(process.cwd(), 'next.config.ts'), 'utf8');
    expect(text).toContain('env: testHooksDefine(process.env)');
  });

  it('guards every hook the browser code sets', () => {
    const roots = ['app', 'components', 'lib'];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) files.push(p);
      }
    };
    roots.forEach(walk);
    const unguarded: string[] = [];
    let guarded = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const lines = text.split('\n');
      // The flag spelled in the file itself: the minifier folds a module's own constant, not an imported one.
      if (
        /window\.__pmap/.test(text) &&
        !text.includes("const TEST_HOOKS = process.env.NEXT_PUBLIC_PMAP_TEST_HOOKS === '1';")
      ) {
        unguarded.push(`${f}: no module-level TEST_HOOKS constant`);
      }
      lines.forEach((line, i) => {
        if (!/window\.__pmap/.test(line) || /^\s*(\/\/|\*|\/\*)/.test(line)) return;
        // The hook's own line, or the block it opens, starts with the flag.
        const block = lines.slice(Math.max(0, i - 4), i + 1).join('\n');
        if (/TEST_HOOKS/.test(block)) guarded++;
        else unguarded.push(`${f}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(unguarded).toEqual([]);
    expect(guarded).toBeGreaterThanOrEqual(10);
  });
});

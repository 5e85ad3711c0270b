import { describe, expect, it } from 'vitest';
import { productFilesOutsideDb, sqlOutsideDb, sqlUsesInText } from '../helpers/sqlOutsideDb';

// Issue 25: outside db/, no file sends SQL text. The scanner is tested on literal snippets first, so a scanner that
// finds nothing cannot pass the repository check by accident.
describe('the SQL scanner', () => {
  it('finds statements in strings and templates, calls of .query/.copyFrom, the kysely handle and the sql tag', () => {
    const found = sqlUsesInText(
      [
        "const a = 'SELECT id FROM appeals';",
        'const b = `UPDATE appeals SET status = $1 WHERE id = ${1}`;',
        'await db.query(x);',
        "await s.copyFrom('t', [], '');",
        'const k = db.kysely;',
        "import { sql } from 'kysely';",
        "import { run } from '../../db/sql/builder';",
        'const c = `WITH x AS (SELECT 1) DELETE FROM t`;',
      ].join('\n'),
    ).map((u) => u.line);
    expect(found).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
  it('leaves comments, prose and UI text alone', () => {
    expect(
      sqlUsesInText(
        [
          '// SELECT id FROM appeals',
          "const label = 'Select a topic';",
          "const ru = 'Выберите тему';",
          'const q = useQuery({ queryKey: [1] });',
          "import type { Selectable } from 'kysely';",
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});

describe('db/ owns all SQL', () => {
  it('no file outside db/ sends SQL', () => {
    expect(sqlOutsideDb(process.cwd()).map((u) => `${u.file}:${u.line} ${u.what}`)).toEqual([]);
  });
  it('the scan covers the product: pages, routes, services and the command line', () => {
    const files = productFilesOutsideDb(process.cwd());
    expect(files.length).toBeGreaterThan(300);
    for (const f of [
      'app/briefing/page.tsx',
      'app/api/roads/geojson/route.ts',
      'lib/aggregate/summary.ts',
      'cli/main.ts',
    ]) {
      expect(files).toContain(f);
    }
  });
});

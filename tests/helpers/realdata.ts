import fs from 'node:fs';
import path from 'node:path';

/** ../shared/data (or PMAP_REALDATA_DIR): the real files, read in place and never copied into the repository. */
export const REALDATA_DIR = path.resolve(
  process.env.PMAP_REALDATA_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'data'),
);

/** The path of a real file, e.g. realFile('spb_buildings/spb_buildings.csv'). */
export const realFile = (rel: string): string => path.join(REALDATA_DIR, rel);

/** True when the real file is missing: tests that need it skip (describe.skipIf(noRealFile(...))). */
export const noRealFile = (...rels: string[]): boolean => rels.some((r) => !fs.existsSync(realFile(r)));

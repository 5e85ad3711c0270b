import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { addressMappingSchema } from '../addresses/mapping';
import { appealMappingSchema } from '../mapping';
import { pointMappingSchema } from '../points/mapping';

export const IMPORT_KINDS = ['appeals', 'points', 'addresses'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const MAPPING_SCHEMAS: Record<ImportKind, z.ZodType> = {
  appeals: appealMappingSchema,
  points: pointMappingSchema,
  addresses: addressMappingSchema,
};

export interface MappingProfile {
  /** Path under examples/, e.g. "profiles/pos-gosuslugi.json". */
  id: string;
  kind: ImportKind;
  /** source_name of the mapping, else its file name. */
  name: string;
  /** The file's JSON as written (defaults not filled in), for editing. */
  mapping: unknown;
}

/**
 * The mapping files shipped in examples/ and examples/profiles/: each is offered for the kind whose schema accepts
 * it, so a new profile needs only its file.
 */
export function listProfiles(root = process.cwd()): MappingProfile[] {
  const base = path.join(root, 'examples');
  const out: MappingProfile[] = [];
  for (const sub of ['profiles', '.']) {
    const dir = path.join(base, sub);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      let json: unknown;
      try {
        json = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      } catch {
        continue;
      }
      const kind = IMPORT_KINDS.find((k) => MAPPING_SCHEMAS[k].safeParse(json).success);
      if (!kind) continue;
      const named = (json as { source_name?: unknown }).source_name;
      out.push({
        id: path.posix.join(sub, f).replace(/^\.\//, ''),
        kind,
        name: typeof named === 'string' ? named : f,
        mapping: json,
      });
    }
  }
  return out;
}

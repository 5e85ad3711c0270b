import fs from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * Reject reasons of an importer's rejects CSV (its `reason` column), counted so that they group: numbers fold to N,
 * quoted values to "…", while the column a reason names stays (`column "addr_street": the address is empty`).
 */
export function rejectReasons(file: string): Record<string, number> {
  if (!fs.existsSync(file)) return {};
  const rows = parse(fs.readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
  const out: Record<string, number> = {};
  for (const r of rows) {
    const k = (r.reason ?? '')
      .replace(/-?\d+(\.\d+)?/g, 'N')
      .replace(/(column )?"[^"]*"/g, (q, col: string | undefined) => (col ? q : '"…"'));
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

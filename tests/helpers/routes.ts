import fs from 'node:fs';
import path from 'node:path';

export const APP = path.resolve(__dirname, '../../app');

/** Every page and route handler under app/, as the URL pattern Next serves it at. */
export function routesFromCode(dir = APP, prefix = ''): { pattern: string; kind: 'page' | 'route' }[] {
  const out: { pattern: string; kind: 'page' | 'route' }[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      // Route groups "(name)" do not change the URL.
      const seg = /^\(.*\)$/.test(e.name) ? '' : `/${e.name}`;
      out.push(...routesFromCode(path.join(dir, e.name), prefix + seg));
    } else if (/^page\.tsx?$/.test(e.name)) out.push({ pattern: prefix || '/', kind: 'page' });
    else if (/^route\.tsx?$/.test(e.name)) out.push({ pattern: prefix || '/', kind: 'route' });
  }
  return out;
}

import fs from 'node:fs';
import path from 'node:path';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import {
  basemapStyle,
  basemapStyleUrl,
  BASEMAP_VARIANTS,
  type BasemapVariant,
} from '../../lib/aggregate/basemap/style';

const GLYPHS_DIR = path.join(__dirname, '../../public/glyphs');
const input = (variant: BasemapVariant) => ({
  variant,
  tiles: 'http://127.0.0.1:3000/api/basemap/tiles/{z}/{x}/{y}.pbf?v=1',
  glyphs: 'http://127.0.0.1:3000/glyphs/{fontstack}/{range}.pbf',
  minzoom: 0,
  maxzoom: 16,
  attribution: 'Демо-данные',
});

describe('basemap style', () => {
  for (const variant of BASEMAP_VARIANTS) {
    describe(variant, () => {
      const style = basemapStyle(input(variant));

      it('is a valid MapLibre style', () => {
        expect(validateStyleMin(style)).toEqual([]);
      });

      it('labels roads, places and houses from the tiles our route serves', () => {
        const symbols = style.layers.filter((l) => l.type === 'symbol');
        const labelled = symbols.map((l) => ('source-layer' in l ? l['source-layer'] : null));
        expect(new Set(labelled)).toEqual(new Set(['transportation_name', 'place', 'housenumber']));
        expect(
          style.layers.some((l) => l.type === 'line' && 'source-layer' in l && l['source-layer'] === 'transportation'),
        ).toBe(true);
        expect(
          style.layers.some((l) => l.type === 'line' && 'source-layer' in l && l['source-layer'] === 'boundary'),
        ).toBe(true);
      });

      it('gives every symbol layer a text field and one font stack that /glyphs serves', () => {
        const symbols = style.layers.filter((l) => l.type === 'symbol');
        expect(symbols.length).toBeGreaterThanOrEqual(4);
        for (const l of symbols) {
          const layout = (l as { layout?: Record<string, unknown> }).layout ?? {};
          expect(layout['text-field'], l.id).toBeTruthy();
          const font = layout['text-font'] as string[];
          expect(font, l.id).toHaveLength(1);
          // The glyph route is a static folder: the stack must be a folder with the ranges MapLibre asks for.
          expect(fs.existsSync(path.join(GLYPHS_DIR, font[0]!, '0-255.pbf')), `${l.id}: ${font[0]}`).toBe(true);
          expect(
            fs.existsSync(path.join(GLYPHS_DIR, font[0]!, '1024-1279.pbf')),
            `${l.id}: Cyrillic of ${font[0]}`,
          ).toBe(true);
        }
      });

      it('carries the glyphs URL, the tiles and the attribution as given', () => {
        expect(style.glyphs).toBe('http://127.0.0.1:3000/glyphs/{fontstack}/{range}.pbf');
        const source = Object.values(style.sources)[0] as { tiles: string[]; attribution?: string; maxzoom: number };
        expect(source.tiles).toEqual(['http://127.0.0.1:3000/api/basemap/tiles/{z}/{x}/{y}.pbf?v=1']);
        expect(source.attribution).toBe('Демо-данные');
        expect(source.maxzoom).toBe(16);
      });
    });
  }

  it('ships the fonts with their licence', () => {
    expect(fs.readFileSync(path.join(GLYPHS_DIR, 'LICENSE-Apache-2.0.txt'), 'utf8')).toContain('Apache License');
  });

  it('the clear variant draws roads wider and labels darker than the muted one', () => {
    const paint = (v: BasemapVariant, id: string) =>
      (basemapStyle(input(v)).layers.find((l) => l.id === id) as { paint: Record<string, unknown> }).paint;
    const darkness = (hex: string) => 765 - [1, 3, 5].reduce((s, i) => s + parseInt(hex.slice(i, i + 2), 16), 0);
    expect(darkness(paint('clear', 'basemap-road-name')['text-color'] as string)).toBeGreaterThan(
      darkness(paint('muted', 'basemap-road-name')['text-color'] as string),
    );
    expect(JSON.stringify(paint('clear', 'basemap-road')['line-width'])).not.toBe(
      JSON.stringify(paint('muted', 'basemap-road')['line-width']),
    );
  });

  it('only the muted variant has the faint street copy that maps lay over their data', () => {
    const ids = (v: BasemapVariant) => basemapStyle(input(v)).layers.map((l) => l.id);
    expect(ids('muted')).toContain('basemap-road-over-data');
    expect(ids('clear')).not.toContain('basemap-road-over-data');
  });

  it('names no attribution when none is known', () => {
    const source = Object.values(basemapStyle({ ...input('muted'), attribution: null }).sources)[0]!;
    expect('attribution' in source).toBe(false);
  });

  it('starts maps from a configured style URL when there is one, else from ours', () => {
    expect(basemapStyleUrl('clear', null)).toBe('/api/basemap/style.json?variant=clear');
    expect(basemapStyleUrl('muted', undefined)).toBe('/api/basemap/style.json?variant=muted');
    expect(basemapStyleUrl('muted', 'https://tiles.example.org/style.json')).toBe(
      'https://tiles.example.org/style.json',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { TOPICS } from '../../lib/domain/vocab';
import { openApiDocument } from '../../lib/serve/openapi';
import { GRATITUDE_DEFAULT, PAGE_MAX } from '../../lib/serve/params';

/*
 * Issue 25: the OpenAPI document's parameters and bodies are generated from the zod schemas the routes parse
 * (lib/serve/params.ts), so what it says a route takes is what the route takes: types, enums, limits and defaults.
 */
type Param = {
  name: string;
  in: string;
  required: boolean;
  schema: Record<string, unknown>;
  style?: string;
  explode?: boolean;
};
const doc = openApiDocument();
const paths = doc.paths as Record<
  string,
  Record<
    string,
    { parameters: Param[]; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }
  >
>;
const param = (path: string, name: string, method = 'get') =>
  paths[path][method].parameters.find((p) => p.name === name);

describe('the OpenAPI document is generated from the request schemas', () => {
  it('the appeal filter: topic a comma list of the vocabulary, days as dates, one gratitude default', () => {
    expect(param('/api/summary', 'topic')).toMatchObject({
      in: 'query',
      required: false,
      style: 'form',
      explode: false,
      schema: { type: 'array', items: { enum: [...TOPICS] } },
    });
    expect(param('/api/summary', 'from')?.schema).toMatchObject({ type: 'string', format: 'date' });
    for (const p of [
      '/api/summary',
      '/api/appeals',
      '/api/appeals/export',
      '/api/hotspots',
      '/api/appeals/hexagons',
      '/api/tiles/{layer}',
    ]) {
      expect(param(p, 'gratitude')?.schema, p).toMatchObject({
        default: GRATITUDE_DEFAULT,
        enum: ['exclude', 'include', 'only'],
      });
    }
  });

  it('paging: one page limit, each list its own size limit', () => {
    for (const [p, size, max] of [
      ['/api/appeals', 50, 200],
      ['/api/appeals/drill', 20, 200],
      ['/api/roads/priorities', 50, 500],
      ['/api/roads/geojson', 1000, 5000],
      ['/open311/v2/requests.json', 100, 1000],
    ] as const) {
      expect(param(p, 'page')?.schema, p).toMatchObject({ type: 'integer', minimum: 1, maximum: PAGE_MAX, default: 1 });
      expect(param(p, 'page_size')?.schema, p).toMatchObject({
        type: 'integer',
        minimum: 1,
        maximum: max,
        default: size,
      });
    }
  });

  it('required parameters and path parameters', () => {
    expect(param('/api/appeals/hexagons', 'res')).toMatchObject({
      required: true,
      schema: { type: 'integer', minimum: 4, maximum: 9 },
    });
    expect(param('/api/roads/segments/{id}', 'id')).toMatchObject({ in: 'path', required: true });
    // public/hexagons refuses from/to with a message: they are not parameters.
    expect(paths['/api/public/hexagons'].get.parameters.map((p) => p.name).sort()).toEqual(['period', 'res', 'topic']);
  });

  it('JSON bodies', () => {
    const body = paths['/api/roads/weights'].post.requestBody?.content['application/json'].schema;
    expect(body).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { per_km: { type: 'number', minimum: 0, maximum: 100 } },
    });
    expect(paths['/api/appeals/{id}/location'].post.requestBody?.content['application/json'].schema).toHaveProperty(
      'anyOf',
    );
  });
});

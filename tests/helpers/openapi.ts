/** An OpenAPI document (JSON text) without its operations' requestBody schemas: what a privacy scan reads of it. */
export function withoutRequestBodies(doc: string): string {
  const spec = JSON.parse(doc) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  for (const ops of Object.values(spec.paths)) for (const op of Object.values(ops)) delete op.requestBody;
  return JSON.stringify(spec);
}

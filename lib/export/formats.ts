import { isoDay } from '../domain/days';

/**
 * The table formats every export writes, their content types and the download headers: one table for the appeals
 * export, the road priorities, the corrections report and the rejected rows of an import.
 */
export const TABLE_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
};

/** `attachment; filename="…"`; a name with characters outside printable ASCII also gets RFC 6266's `filename*`. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return ascii === filename
    ? `attachment; filename="${filename}"`
    : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The download file name `<base>-<YYYY-MM-DD, UTC today>.<format>`. */
export const datedName = (base: string, format: TableFormat, now = new Date()): string =>
  `${base}-${isoDay(now)}.${format}`;

/**
 * Headers of a file download: its content type, the attachment name, and no caching (`private, no-store` for files
 * built for one viewer; every export is). `extra` adds e.g. Content-Length or X-Export-Rows.
 */
export function downloadHeaders(
  format: TableFormat,
  filename: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[format],
    ...extra,
    'Content-Disposition': contentDisposition(filename),
    'Cache-Control': 'private, no-store',
  };
}

/**
 * The export layer: one streaming table writer (CSV with the one BOM rule and formula escaping, XLSX through exceljs's
 * streaming writer, GeoJSON) fed by pages of rows and a column list, one content-type table and one set of download
 * headers. The appeals export, the road priorities, the corrections report and the rejects download all come here.
 */
export { bomFor, csvCell, csvText, safeCsv, writeCsv, BOM, type CsvReader } from './csv';
export {
  CONTENT_TYPES,
  TABLE_FORMATS,
  contentDisposition,
  datedName,
  downloadHeaders,
  type TableFormat,
} from './formats';
export { pointOf, writeGeojson } from './geojson';
export { bytesDownload, fileDownload } from './response';
export { writeTable, type ExportColumn, type Pages, type Row, type TableSpec } from './table';
export { HEADER_FILL, HEADER_FONT, writeXlsx, type XlsxAbout } from './xlsx';

/** The one error type of the product: a code, a one-line message, and where the problem is. */
export type ErrorCode =
  | 'file_not_found'
  | 'bad_file'
  | 'bad_mapping'
  | 'bad_argument'
  | 'db_locked'
  | 'db_unavailable'
  | 'not_found'
  | 'forbidden'
  | 'unauthenticated'
  | 'too_large'
  | 'rate_limited'
  | 'conflict'
  | 'misconfigured'
  | 'unsupported_media_type'
  | 'internal';

export interface ErrorLocation {
  file?: string;
  row?: number;
  line?: number;
  column?: string;
}

export class PmapError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'PmapError';
    this.code = code;
    this.location = location;
  }

  /** "file.csv, row 12, column "Created Date": message" — the one line a CLI user sees. */
  oneLine(): string {
    const where = [
      this.location.file,
      this.location.line !== undefined ? `line ${this.location.line}` : undefined,
      this.location.row !== undefined ? `row ${this.location.row}` : undefined,
      this.location.column !== undefined ? `column "${this.location.column}"` : undefined,
    ].filter(Boolean);
    return where.length ? `${where.join(', ')}: ${this.message}` : this.message;
  }

  get httpStatus(): number {
    switch (this.code) {
      case 'not_found':
      case 'file_not_found':
        return 404;
      case 'forbidden':
        return 403;
      case 'unauthenticated':
        return 401;
      case 'too_large':
        return 413;
      case 'rate_limited':
        return 429;
      case 'conflict':
        return 409;
      case 'unsupported_media_type':
        return 415;
      case 'bad_file':
      case 'bad_mapping':
      case 'bad_argument':
        return 400;
      case 'db_locked':
      case 'db_unavailable':
        return 503;
      default:
        return 500;
    }
  }
}

export const isPmapError = (e: unknown): e is PmapError => e instanceof PmapError;

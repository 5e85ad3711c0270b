import { isErrorKey, renderError, renderLocation, type ErrorKey, type ErrorParams, type Locale } from './i18n/errors';
import { importTextRu } from './i18n/importTexts';

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
  /** The message's key in lib/i18n/errors.ts, when a person may see it: the web shows it in Russian. */
  readonly key?: ErrorKey;
  readonly params: ErrorParams;

  constructor(
    code: ErrorCode,
    message: string,
    location: ErrorLocation = {},
    key?: ErrorKey,
    params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'PmapError';
    this.code = code;
    this.location = location;
    this.key = key;
    this.params = params;
  }

  /** An error whose message is `key` of lib/i18n/errors.ts: English in `message` (the CLI), any locale by `localized`. */
  static keyed(code: ErrorCode, key: ErrorKey, params: ErrorParams = {}, location: ErrorLocation = {}): PmapError {
    return new PmapError(code, renderError(key, params, 'en'), location, key, params);
  }

  /** The key a person is shown: the error's own, or its code's generic one. */
  get shownKey(): ErrorKey {
    if (this.key) return this.key;
    const byCode = `code.${this.code}`;
    return isErrorKey(byCode) ? byCode : 'code.internal';
  }

  /**
   * The one line in `locale`, with where the problem is. Without a key: English is the original sentence; Russian is
   * the sentence when it is Russian, else the code's generic text (never an English sentence on a Russian page).
   */
  localized(locale: Locale): string {
    // A message written in Russian without a key (a page text reused by a rule) is shown as it is.
    // English is always the error's own sentence (the CLI's; a keyed error's is its key in English, a zod issue's
    // keeps the schema's detail).
    const own = locale === 'en' || (!this.key && /[а-яё]/i.test(this.message));
    // An importer's sentence (lib/ingest writes English) keeps its detail in Russian where lib/i18n/importTexts.ts knows it.
    const text = own
      ? this.message
      : (!this.key && importTextRu(this.message)) || renderError(this.shownKey, this.params, locale);
    const where = renderLocation(this.location, locale);
    return where.length ? `${where.join(', ')}: ${text}` : text;
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

import { z } from 'zod';
import { appealFilterSchema, GRATITUDE_DEFAULT, type AppealFilter } from './filters';
import { renderError } from '../i18n/errors';
import { issueKey } from '../i18n/zodIssue';
import { PAGE_MAX, periodReversed } from './params';

/** Orders of the staff appeals list (lib/store/appealList.ts implements them). */
export const LIST_SORTS = ['new', 'old', 'topic', 'status'] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const PAGE_SIZES = [25, 50, 100, 200] as const;

export interface ListState {
  filter: AppealFilter;
  sort: ListSort;
  page: number;
  pageSize: number;
  doubtOnly: boolean;
  /** The filter as given could not be read (a bad date, an unknown channel): the list shows everything and says so. */
  invalid: string | null;
}

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const FILTER_KEYS = ['topic', 'channel', 'status', 'municipality', 'from', 'to', 'gratitude', 'location'] as const;

const extraSchema = z.object({
  sort: z.enum(LIST_SORTS).catch('new'),
  page: z.coerce.number().int().min(1).max(PAGE_MAX).catch(1),
  page_size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(50),
});

/**
 * Reads the /appeals page's query: the map's filters (lib/domain/filters.ts, as they are), the sort, the page and its
 * size. Empty fields of the GET form are left out; a filter that does not parse is reported, not thrown, so the page
 * still shows a list. Thanks are left out unless asked for: GRATITUDE_DEFAULT, the one default of every endpoint.
 */
export function parseListQuery(sp: Params): ListState {
  const raw: Record<string, string | string[]> = {};
  for (const k of FILTER_KEYS) {
    const v = sp[k];
    const vals = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => x !== '');
    if (vals.length) raw[k] = k === 'topic' || k === 'channel' || k === 'status' ? vals : vals[0];
  }
  raw.gratitude ??= GRATITUDE_DEFAULT;
  const parsed = appealFilterSchema.safeParse(raw);
  // The one rule for a reversed period (lib/domain/params.ts): said, never swapped; read like any filter it cannot read.
  const reversed = parsed.success && periodReversed(parsed.data.from, parsed.data.to);
  const extra = extraSchema.parse({ sort: one(sp.sort), page: one(sp.page), page_size: one(sp.page_size) });
  return {
    filter: parsed.success && !reversed ? parsed.data : appealFilterSchema.parse({}),
    sort: extra.sort,
    page: extra.page,
    pageSize: extra.page_size,
    doubtOnly: one(sp.doubt) === 'only',
    // In Russian, by key (lib/i18n/errors.ts), like the API's messages: the page is Russian.
    invalid: reversed
      ? renderError('input.period_reversed', { param: 'to' }, 'ru')
      : parsed.success
        ? null
        : parsed.error.issues
            .map((i) => {
              const k = issueKey(i);
              return renderError(k.key, k.params, 'ru');
            })
            .join('; '),
  };
}

/** The filter as query parameters, lists comma-joined: the same for the list, its pages and the exports. */
export function filterParams(f: AppealFilter): URLSearchParams {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  return q;
}

/** The page's own URL query for a state, with some fields changed (a page, a sort). */
export function listSearch(s: ListState, change: Partial<Pick<ListState, 'sort' | 'page' | 'pageSize'>> = {}): string {
  const q = filterParams(s.filter);
  const n = { ...s, ...change };
  if (n.doubtOnly) q.set('doubt', 'only');
  if (n.sort !== 'new') q.set('sort', n.sort);
  if (n.pageSize !== 50) q.set('page_size', String(n.pageSize));
  if (n.page !== 1) q.set('page', String(n.page));
  return q.toString();
}

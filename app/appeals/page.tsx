import type { Metadata } from 'next';
import Link from 'next/link';
import { NavBar } from '@/components/ui/NavBar';
import { requirePage } from '@/lib/auth/guard';
import { mayReadContacts } from '@/lib/auth/policy';
import { getDb } from '@/db';
import { filterParams, listSearch, parseListQuery } from '@/lib/domain/appealListQuery';
import { parseDayText } from '@/lib/render/dayText';
import { CHANNEL_LABELS, STATUS_LABELS, TOPIC_LABELS, type Channel, type Status, type Topic } from '@/lib/domain/vocab';
import { listAppeals, municipalityOptions } from '@/lib/store/appealList';
import { AppealsFilters } from '@/components/appeals/AppealsFilters';
import { ListTopicChooser } from '@/components/appeals/ListTopicChooser';
import { LocationFixer } from '@/components/appeals/LocationFixer';
import { APPEALS_RU as t } from '@/lib/i18n/appeals';

export const metadata: Metadata = { title: 'Обращения' };
export const dynamic = 'force-dynamic';

const nf = new Intl.NumberFormat('ru-RU');

export default async function AppealsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePage('/appeals');
  // Thanks left out unless asked for, as on the map and every endpoint (one default).
  // The date fields take ДД.ММ.ГГГГ as typed (or ISO from a link); what is no day stays as typed, so it is reported.
  const sp = await searchParams;
  const day = (v: string | string[] | undefined) => (typeof v === 'string' && v ? (parseDayText(v) ?? v) : v);
  const state = parseListQuery({ ...sp, from: day(sp.from), to: day(sp.to) });
  const db = await getDb();
  const [list, municipalities] = await Promise.all([
    listAppeals(db, state.filter, state.page, state.pageSize, mayReadContacts(viewer!.role), {
      doubtOnly: state.doubtOnly,
      sort: state.sort,
    }),
    municipalityOptions(db),
  ]);
  const pages = Math.max(1, Math.ceil(list.total / state.pageSize));
  const page = Math.min(state.page, pages);
  const firstRow = list.total === 0 ? 0 : (state.page - 1) * state.pageSize + 1;
  const lastRow = Math.min(list.total, state.page * state.pageSize);
  const exportQs = filterParams(state.filter).toString();
  const href = (p: number) => `/appeals?${listSearch(state, { page: p })}`;
  return (
    <>
      <NavBar viewer={viewer!} />
      <main className="page">
        <h1>{t.title}</h1>
        <AppealsFilters state={state} municipalities={municipalities} />
        <p className="form-row" data-testid="appeals-exports">
          {t.download}
          {(['xlsx', 'csv', 'geojson'] as const).map((f) => (
            <a
              key={f}
              href={`/api/appeals/export?format=${f}${exportQs ? `&${exportQs}` : ''}`}
              download
              data-testid={`appeals-export-${f}`}
            >
              {f.toUpperCase()}
            </a>
          ))}
        </p>
        {state.invalid && (
          <p className="error" role="alert">
            {t.invalid(state.invalid)}
          </p>
        )}
        <p className="muted" data-testid="appeals-total" data-total={list.total}>
          {t.found(nf.format(list.total))}
          {list.total > 0 && `, ${t.shown(nf.format(firstRow), nf.format(lastRow))}`}
        </p>
        <table>
          <thead>
            <tr>
              {Object.values(t.columns).map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.items.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  {t.empty}
                </td>
              </tr>
            )}
            {list.items.map((a) => (
              <tr
                key={a.id}
                data-testid="appeal-row"
                data-id={a.id}
                data-doubt={a.doubt}
                data-manual={a.topicManual}
                data-created={new Date(a.createdAt).toISOString()}
                data-status={a.status}
                data-channel={a.channel}
                data-level={a.geocodeLevel}
              >
                <td>{new Date(a.createdAt).toLocaleDateString('ru-RU')}</td>
                <td>
                  <span data-testid="appeal-topic">{TOPIC_LABELS[a.topic as Topic]?.ru ?? a.topic}</span>
                  {a.isGratitude ? t.gratitudeMark : ''}
                  <ListTopicChooser id={a.id} topicManual={a.topicManual} doubt={a.doubt} top={a.top} />
                </td>
                <td>{CHANNEL_LABELS[a.channel as Channel]?.ru ?? a.channel}</td>
                <td>{STATUS_LABELS[a.status as Status]?.ru ?? a.status}</td>
                <td data-testid="appeal-text">{a.text}</td>
                <td>
                  {a.address}
                  {/* Unlocated or placed to the street only (the map's «Без координат» / «приблизительно»): fix by hand. */}
                  <LocationFixer id={a.id} level={a.geocodeLevel} />
                </td>
                <td>{a.municipality}</td>
                <td title={t.authorTitle}>{a.authorContact ?? (a.author ? `#${a.author.slice(0, 8)}` : '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <nav className="form-row" aria-label="Страницы" data-testid="appeals-pager">
          {page > 1 && <Link href={href(1)}>{t.first}</Link>}
          {page > 1 && (
            <Link href={href(page - 1)} data-testid="page-prev">
              {t.prev}
            </Link>
          )}
          <span data-testid="page-of">{t.page(nf.format(page), nf.format(pages))}</span>
          {page < pages && (
            <Link href={href(page + 1)} data-testid="page-next">
              {t.next}
            </Link>
          )}
          {page < pages && <Link href={href(pages)}>{t.last}</Link>}
        </nav>
      </main>
    </>
  );
}

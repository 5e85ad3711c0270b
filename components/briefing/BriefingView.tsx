import type { Geometry } from 'geojson';
import type { Briefing } from '@/lib/aggregate/briefing';
import { CHANNEL_LABELS, STATUS_LABELS, TOPIC_LABELS, type Channel, type Status, type Topic } from '@/lib/domain/vocab';
import { changeText, drillText } from '@/lib/i18n/drill';
import { BriefingMap } from './BriefingMap';
import styles from './briefing.module.css';

const t = drillText('ru').briefing;
const num = new Intl.NumberFormat('ru-RU');
const dayFmt = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dayOf = (s: string) => dayFmt.format(new Date(`${s}T00:00:00Z`));
const dateOf = (d: Date | string) => dayFmt.format(new Date(d));
const topicRu = (v: string) => TOPIC_LABELS[v as Topic]?.ru ?? v;

function Change({ now, before }: { now: number; before: number }) {
  const dir = now > before ? 'up' : now < before ? 'down' : 'flat';
  return (
    <td className={styles.num} data-dir={dir}>
      {changeText(now, before)}
    </td>
  );
}

function Totals({ b }: { b: Briefing }) {
  const rows = (['total', 'complaints', 'gratitude', 'citizens'] as const).map(
    (k) => [k, b.totals.current[k], b.totals.previous[k]] as const,
  );
  return (
    <section className={styles.section} aria-labelledby="s-totals" data-testid="briefing-totals">
      <h2 id="s-totals">{t.sections.totals}</h2>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t.measure}</th>
            <th scope="col" className={styles.num}>
              {t.current}
            </th>
            <th scope="col" className={styles.num}>
              {t.previous}
            </th>
            <th scope="col" className={styles.num}>
              {t.change_}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([k, now, before]) => (
            <tr key={k} data-row={k}>
              <th scope="row">{t.rows[k]}</th>
              <td className={styles.num}>{num.format(now)}</td>
              <td className={styles.num}>{num.format(before)}</td>
              <Change now={now} before={before} />
            </tr>
          ))}
        </tbody>
      </table>
      <h3>
        {t.rows.complaints}: {t.topic.toLowerCase()}
      </h3>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t.topic}</th>
            <th scope="col" className={styles.num}>
              {t.current}
            </th>
            <th scope="col" className={styles.num}>
              {t.previous}
            </th>
            <th scope="col" className={styles.num}>
              {t.change_}
            </th>
          </tr>
        </thead>
        <tbody>
          {b.byTopic.map((r) => (
            <tr key={r.topic}>
              <th scope="row">{topicRu(r.topic)}</th>
              <td className={styles.num}>{num.format(r.count)}</td>
              <td className={styles.num}>{num.format(r.previous)}</td>
              <Change now={r.count} before={r.previous} />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Problems({ b }: { b: Briefing }) {
  const { source, items } = b.problems;
  return (
    <section className={styles.section} aria-labelledby="s-problems" data-testid="briefing-problems">
      <h2 id="s-problems">{t.sections.problems}</h2>
      {source === 'clusters' && items.length > 0 && <p className={styles.muted}>{t.clustersNote}</p>}
      {items.length === 0 ? (
        <p className={styles.empty}>{t.noProblems}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">№</th>
              <th scope="col">{t.topic}</th>
              <th scope="col">{t.place}</th>
              <th scope="col" className={styles.num}>
                {t.appeals}
              </th>
              <th scope="col" className={styles.num}>
                {t.citizens}
              </th>
              <th scope="col" className={styles.num}>
                {t.open}
              </th>
              <th scope="col">{t.dates}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p, i) => (
              <tr key={p.problemId ?? `${p.topic}-${p.h3}`}>
                <td>{i + 1}</td>
                <td>
                  {topicRu(p.topic)}
                  {(p.parts > 1 || p.problemId === null) && (
                    <div className={styles.muted}>{p.parts > 1 ? t.merged(p.parts) : t.cluster}</div>
                  )}
                </td>
                <td>{p.place ?? '—'}</td>
                <td className={styles.num}>{num.format(p.count)}</td>
                <td className={styles.num}>{num.format(p.citizens)}</td>
                <td className={styles.num}>{num.format(p.open)}</td>
                <td className={styles.nowrap}>
                  {dateOf(p.first)} — {dateOf(p.last)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function HotspotTable({ cells }: { cells: Briefing['hotspots']['growing'] }) {
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">{t.place}</th>
          <th scope="col">{t.status}</th>
          <th scope="col" className={styles.num}>
            {t.current}
          </th>
          <th scope="col" className={styles.num}>
            {t.previous}
          </th>
        </tr>
      </thead>
      <tbody>
        {cells.map((c) => (
          <tr key={c.h3}>
            <td>{c.place ?? '—'}</td>
            <td>{t.hotspotLabel[c.label as 'new' | 'intensifying' | 'persistent'] ?? c.label}</td>
            <td className={styles.num}>{num.format(c.count)}</td>
            <td className={styles.num}>{num.format(c.previous)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Hotspots({ b }: { b: Briefing }) {
  const h = b.hotspots;
  return (
    <section className={styles.section} aria-labelledby="s-hotspots" data-testid="briefing-hotspots">
      <h2 id="s-hotspots">{t.sections.hotspots}</h2>
      <p className={styles.muted}>
        {t.hotspotNote}
        {h.weeks < 4 ? ` ${t.shortPeriod}` : ''}
      </p>
      {h.growing.length === 0 ? (
        <p className={styles.empty}>{t.noHotspots}</p>
      ) : (
        <div data-testid="briefing-growing">
          <HotspotTable cells={h.growing} />
        </div>
      )}
      {h.persistent.length > 0 && (
        <>
          <h3>{t.persistentTitle}</h3>
          <HotspotTable cells={h.persistent} />
        </>
      )}
    </section>
  );
}

function Overdue({ b }: { b: Briefing }) {
  const o = b.overdue;
  return (
    <section className={styles.section} aria-labelledby="s-overdue" data-testid="briefing-overdue">
      <h2 id="s-overdue">{t.sections.overdue}</h2>
      {o.count === 0 ? (
        <p className={styles.empty}>{t.noOverdue}</p>
      ) : (
        <>
          <p>
            <strong>{t.overdueCount(o.count, o.deadlineDays)}</strong>
          </p>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t.date}</th>
                <th scope="col">{t.topic}</th>
                <th scope="col">{t.channel}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.address}</th>
                <th scope="col" className={styles.num}>
                  {t.daysOpen}
                </th>
              </tr>
            </thead>
            <tbody>
              {o.items.map((a) => (
                <tr key={a.id}>
                  <td className={styles.nowrap}>{dateOf(a.createdAt)}</td>
                  <td>{topicRu(a.topic)}</td>
                  <td>{CHANNEL_LABELS[a.channel as Channel]?.ru ?? a.channel}</td>
                  <td>{STATUS_LABELS[a.status as Status]?.ru ?? a.status}</td>
                  <td>{a.address ?? '—'}</td>
                  <td className={styles.num}>{num.format(a.daysOpen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function Thanks({ b }: { b: Briefing }) {
  const th = b.thanks;
  return (
    <section className={styles.section} aria-labelledby="s-thanks" data-testid="briefing-thanks">
      <h2 id="s-thanks">{t.sections.thanks}</h2>
      {th.count === 0 ? (
        <p className={styles.empty}>{t.noThanks}</p>
      ) : (
        <>
          <p>
            <strong>{t.thanksCount(th.count, th.previous)}</strong>
          </p>
          <ul className={styles.inlineList}>
            {th.byTopic.map((x) => (
              <li key={x.topic}>
                {topicRu(x.topic)}: {num.format(x.count)}
              </li>
            ))}
          </ul>
          <h3>{t.recentThanks}</h3>
          <ul className={styles.quotes}>
            {th.recent.map((r, i) => (
              <li key={i}>
                <q>{r.text ?? '—'}</q>
                <div className={styles.muted}>
                  {dateOf(r.createdAt)} · {topicRu(r.topic)}
                  {r.address ? ` · ${r.address}` : ''}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Test names, grids and levels: for the reader who asks how, at the end, not in the body. */
function Methods({ b }: { b: Briefing }) {
  return (
    <footer className={styles.section} aria-labelledby="s-methods" data-testid="briefing-methods">
      <h2 id="s-methods">{t.methodsTitle}</h2>
      <ol className={styles.muted}>
        {t.methods(b.hotspots.alpha.toLocaleString('ru-RU'), b.hotspots.weeks).map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ol>
    </footer>
  );
}

/**
 * The printed briefing: one municipality, one period, compared with the period before. Times are local: in
 * `timeZone` when the page passes one (the region's), else the server's own zone, named beside the time.
 */
export function BriefingView({ b, timeZone }: { b: Briefing; timeZone?: string }) {
  // dateStyle/timeStyle cannot be combined with timeZoneName (Intl throws a TypeError): the fields are spelled out.
  const generated = new Intl.DateTimeFormat('ru-RU', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(b.generatedAt);
  return (
    <article className={styles.briefing} data-testid="briefing">
      <header className={styles.header}>
        <p className={styles.kicker}>{t.title}</p>
        <h1 data-testid="briefing-municipality">{b.municipality.name}</h1>
        <p>{t.period(dayOf(b.period.from), dayOf(b.period.to), b.period.days)}</p>
        <p className={styles.muted}>
          {t.comparedWith(dayOf(b.previous.from), dayOf(b.previous.to))} · {t.generatedAt(generated)}
        </p>
      </header>
      <Totals b={b} />
      <section className={styles.section} aria-labelledby="s-map">
        <h2 id="s-map">{t.sections.map}</h2>
        <p className={styles.muted}>{t.mapNote}</p>
        <BriefingMap
          name={b.municipality.name}
          geometry={b.municipality.geometry as Geometry}
          bbox={b.municipality.bbox}
          cells={b.map.cells}
        />
      </section>
      <Problems b={b} />
      <Hotspots b={b} />
      <Overdue b={b} />
      <Thanks b={b} />
      <Methods b={b} />
    </article>
  );
}

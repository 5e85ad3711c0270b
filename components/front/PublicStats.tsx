import Link from 'next/link';
import { TOPIC_LABELS, type Topic } from '@/lib/domain/vocab';
import { frontDictionary } from '@/lib/i18n/front';
import type { PublicStatsBody } from '@/lib/serve/publicStats';

/** Topics named one by one; the rest share a row, so the table stays short on a phone. */
const TOPICS_SHOWN = 6;

const topicName = (code: string) => TOPIC_LABELS[code as Topic]?.ru ?? code;

/**
 * The front page's public figures (server-rendered): problems by topic in the newest month with appeals and the one
 * before, the share answered, and vaccination points open now. Each figure carries its raw value in data-value.
 */
export function PublicStats({ stats }: { stats: PublicStatsBody }) {
  const t = frontDictionary('ru');
  const num = new Intl.NumberFormat(t.locale);
  const pct = new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 1 });
  // «Октябрь 2026»: the month alone is in the nominative, and no «г.» to wrap a narrow column.
  const monthName = (period: string) => {
    const s = new Intl.DateTimeFormat(t.locale, { month: 'long', timeZone: 'UTC' }).format(
      new Date(`${period}-15T00:00:00Z`),
    );
    return `${s.charAt(0).toUpperCase()}${s.slice(1)} ${period.slice(0, 4)}`;
  };
  const { months } = stats;
  const shown = (months[0]?.byTopic ?? []).slice(0, TOPICS_SHOWN).map((x) => x.topic);
  const count = (i: number, topic: string) => months[i]?.byTopic.find((x) => x.topic === topic)?.count ?? 0;
  const others = months.map(
    (m) => m.total - shown.reduce((s, topic) => s + (m.byTopic.find((x) => x.topic === topic)?.count ?? 0), 0),
  );
  // ДД.ММ.ГГГГ, as dates read everywhere in the app.
  const until = stats.dataUntil
    ? new Intl.DateTimeFormat(t.locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${stats.dataUntil}T00:00:00Z`),
      )
    : '';
  return (
    <section className="front-stats" aria-labelledby="public-stats" data-testid="public-stats">
      <h2 id="public-stats">{t.statsTitle}</h2>
      {months.length === 0 ? (
        <p className="muted">{t.noData}</p>
      ) : (
        <>
          <p className="muted">{t.statsIntro(until)}</p>
          <table className="front-stats-table" aria-label={t.statsCaption}>
            <thead>
              <tr>
                <th scope="col">{t.topic}</th>
                {months.map((m) => (
                  <th scope="col" key={m.period} data-period={m.period}>
                    {monthName(m.period)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((topic) => (
                <tr key={topic} data-topic={topic}>
                  <th scope="row">{topicName(topic)}</th>
                  {months.map((m, i) => (
                    <td key={m.period} data-stat={`topic-${topic}-${m.period}`} data-value={count(i, topic)}>
                      {num.format(count(i, topic))}
                    </td>
                  ))}
                </tr>
              ))}
              {others.some((n) => n > 0) && (
                <tr data-topic="other-topics">
                  <th scope="row">{t.otherTopics}</th>
                  {months.map((m, i) => (
                    <td key={m.period} data-stat={`others-${m.period}`} data-value={others[i]}>
                      {num.format(others[i]!)}
                    </td>
                  ))}
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t.total}</th>
                {months.map((m) => (
                  <td key={m.period} data-stat={`total-${m.period}`} data-value={m.total}>
                    {num.format(m.total)}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row">{t.answered}</th>
                {months.map((m) => (
                  <td key={m.period} data-stat={`answered-${m.period}`} data-value={m.answeredShare ?? ''}>
                    {m.answeredShare === null ? '—' : pct.format(m.answeredShare)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </>
      )}
      <p className="front-points">
        {stats.points.total === 0 ? (
          t.pointsNone
        ) : (
          <Link href="/vaccination">
            {t.pointsOpen(num.format(stats.points.openNow), num.format(stats.points.total))}
          </Link>
        )}
        <span hidden data-stat="points-open" data-value={stats.points.openNow} />
        <span hidden data-stat="points-total" data-value={stats.points.total} />
      </p>
    </section>
  );
}

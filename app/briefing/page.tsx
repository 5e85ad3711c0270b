import { issueError } from '@/lib/i18n/zodIssue';
import type { Metadata } from 'next';
import { BriefingForm } from '@/components/briefing/BriefingForm';
import { BriefingView } from '@/components/briefing/BriefingView';
import { PrintButton } from '@/components/briefing/PrintButton';
import styles from '@/components/briefing/briefing.module.css';
import { NavBar } from '@/components/ui/NavBar';
import { getDb } from '@/db';
import { municipalityName } from '@/db/queries/briefing';
import { appealDayRange } from '@/db/queries/meta';
import { briefing, briefingQuerySchema, municipalityChoices, type Briefing } from '@/lib/aggregate/briefing';
import { requirePage } from '@/lib/auth/guard';
import { env } from '@/lib/config/env';
import { addDays, isoDay } from '@/lib/domain/days';
import { isPmapError } from '@/lib/errors';
import { drillText } from '@/lib/i18n/drill';
import { parseDayText } from '@/lib/render/dayText';

export const dynamic = 'force-dynamic';

const t = drillText('ru').briefing;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
/** A day as the form sends it, ДД.ММ.ГГГГ, or ISO from a link; anything else goes on to the schema as it is. */
const day = (v: string | string[] | undefined) => {
  const s = one(v);
  return s ? (parseDayText(s) ?? s) : '';
};

/** The title names the municipality and period: it becomes the PDF's title and the suggested file name. */
export async function generateMetadata({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}): Promise<Metadata> {
  const sp = await searchParams;
  const parsed = briefingQuerySchema.safeParse({
    municipality: one(sp.municipality) ?? '',
    from: day(sp.from),
    to: day(sp.to),
  });
  if (!parsed.success) return { title: t.formTitle };
  const name = await municipalityName(await getDb(), parsed.data.municipality);
  return { title: name !== undefined ? `Справка: ${name}, ${parsed.data.from} — ${parsed.data.to}` : t.formTitle };
}

/** Default period: the last 30 days of data. */
async function defaultPeriod(): Promise<{ from: string; to: string }> {
  const r = await appealDayRange(await getDb());
  const to = r?.max ?? isoDay(Date.now());
  return { from: addDays(to, -29), to };
}

export default async function BriefingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePage('/briefing');
  const sp = await searchParams;
  const raw = { municipality: one(sp.municipality) ?? '', from: day(sp.from), to: day(sp.to) };
  const db = await getDb();
  const choices = await municipalityChoices(db);
  const asked = Boolean(raw.municipality || raw.from || raw.to);
  let data: Briefing | null = null;
  let error: string | null = null;
  if (asked) {
    const parsed = briefingQuerySchema.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      error = issueError(i, i.message, 'period').localized('ru');
    } else {
      try {
        data = await briefing(db, parsed.data);
      } catch (e) {
        if (!isPmapError(e)) throw e;
        error = e.localized('ru');
      }
    }
  }
  const initial = data
    ? raw
    : {
        ...(await defaultPeriod()),
        municipality: raw.municipality,
        ...(raw.from ? { from: raw.from } : {}),
        ...(raw.to ? { to: raw.to } : {}),
      };
  return (
    <>
      <div className={styles.noPrint}>
        <NavBar viewer={viewer!} />
      </div>
      <main className={styles.page}>
        {data ? (
          <>
            <div className={`${styles.toolbar} ${styles.noPrint}`}>
              <PrintButton className={styles.button} />
              <details className={styles.changeBox}>
                <summary>{t.change}</summary>
                <BriefingForm choices={choices} initial={initial} />
              </details>
            </div>
            <BriefingView b={data} timeZone={env().PMAP_TIME_ZONE} />
          </>
        ) : (
          <section className={styles.formPage}>
            <h1>{t.formTitle}</h1>
            <p className={styles.muted}>{t.formIntro}</p>
            {error && (
              <p className={styles.error} role="alert" data-testid="briefing-error">
                {error}
              </p>
            )}
            <BriefingForm choices={choices} initial={initial} />
          </section>
        )}
      </main>
    </>
  );
}

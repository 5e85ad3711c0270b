import { basemapStyleUrl } from '@/lib/aggregate/basemap/style';
import type { Metadata } from 'next';
import { VaccinationApp } from '@/components/vaccination/VaccinationApp';
import { env } from '@/lib/config/env';
import { dictionary, isLang, type Lang } from '@/lib/i18n/vaccination';

export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;
const langOf = (v: string | string[] | undefined): Lang => {
  const one = Array.isArray(v) ? v[0] : v;
  return isLang(one) ? one : 'ru';
};

export async function generateMetadata({ searchParams }: { searchParams: Search }): Promise<Metadata> {
  const t = dictionary(langOf((await searchParams).lang));
  return { title: t.title, description: t.intro };
}

/** Public: no login, no personal data. The points come from /api/public/points in the browser. */
export default async function VaccinationPage({ searchParams }: { searchParams: Search }) {
  const lang = langOf((await searchParams).lang);
  const e = env();
  return (
    <VaccinationApp
      lang={lang}
      staleDays={e.PMAP_POINT_STALE_DAYS}
      basemapStyleUrl={basemapStyleUrl('clear', e.PMAP_BASEMAP_STYLE_URL)}
    />
  );
}

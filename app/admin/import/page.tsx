import type { Metadata } from 'next';
import { ImportApp } from '@/components/admin/import/ImportApp';
import { NavBar } from '@/components/ui/NavBar';
import { requirePage } from '@/lib/auth/guard';
import { env } from '@/lib/config/env';
import { listProfiles } from '@/lib/ingest/jobs/profiles';

export const metadata: Metadata = { title: 'Импорт данных' };
export const dynamic = 'force-dynamic';

export default async function ImportPage({ searchParams }: { searchParams: Promise<{ lang?: string }> }) {
  const viewer = await requirePage('/admin/import');
  const lang = (await searchParams).lang === 'en' ? 'en' : 'ru';
  return (
    <>
      <NavBar viewer={viewer!} />
      <main className="page">
        <ImportApp
          lang={lang}
          profiles={listProfiles()}
          maxMb={env().PMAP_UPLOAD_MAX_MB}
          timeZone={env().PMAP_TIME_ZONE}
        />
      </main>
    </>
  );
}

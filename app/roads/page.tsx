import { basemapStyleUrl } from '@/lib/aggregate/basemap/style';
import type { Metadata } from 'next';
import { RoadsApp } from '@/components/roads/RoadsApp';
import { NavBar } from '@/components/ui/NavBar';
import { requirePage } from '@/lib/auth/guard';
import { env } from '@/lib/config/env';

export const metadata: Metadata = { title: 'Приоритеты ремонта дорог' };
export const dynamic = 'force-dynamic';

/** The road-agency priority list (a road agency sees only its owner's segments; the APIs enforce it too). */
export default async function RoadsPage() {
  const viewer = (await requirePage('/roads'))!;
  return (
    <>
      <NavBar viewer={viewer} />
      <main>
        <RoadsApp
          canEdit={viewer.role === 'admin' || viewer.role === 'road_agency'}
          lockedOwner={viewer.role === 'road_agency' ? viewer.owner : null}
          basemapStyleUrl={basemapStyleUrl('muted', env().PMAP_BASEMAP_STYLE_URL)}
        />
      </main>
    </>
  );
}

import type { Metadata } from 'next';
import { Suspense } from 'react';
import { MapView } from '@/components/map/MapView';
import { NavBar } from '@/components/ui/NavBar';
import { requirePage } from '@/lib/auth/guard';

export const metadata: Metadata = { title: 'Карта проблем' };
export const dynamic = 'force-dynamic';

export default async function MapPage() {
  const viewer = await requirePage('/map');
  return (
    <>
      <NavBar viewer={viewer!} />
      <main className="map-page">
        {/* The map reads its state from the URL (useSearchParams), which needs a Suspense boundary. */}
        <Suspense>
          <MapView />
        </Suspense>
      </main>
    </>
  );
}

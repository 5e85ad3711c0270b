import type { Metadata } from 'next';
import { MapView } from '@/components/map/MapView';

export const metadata: Metadata = { title: 'Карта проблем' };

export default function MapPage() {
  return (
    <main className="map-page">
      <MapView />
    </main>
  );
}

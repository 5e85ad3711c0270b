import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { QueryProvider } from '@/components/ui/QueryProvider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Карта проблем — ЦУР', template: '%s — ЦУР' },
  description: 'Обращения граждан на карте: где и какие проблемы',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="ru">
      <body>
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}

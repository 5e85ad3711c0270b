import { getJson } from '@/components/ui/http';
import type { CompactPoints } from '@/lib/points/compact';
import type { ReportReason } from '@/lib/points/reports';
import type { PublicPointDetails } from '@/lib/points/types';

export interface GeocodeResult {
  lat: number;
  lon: number;
  confidence: number;
  matched: string;
}

/** Every public point, unfiltered: the page filters in the browser, so a filter change costs no request. */
export const fetchPoints = (signal?: AbortSignal) =>
  getJson<CompactPoints & { total: number }>('/api/public/points', signal);

export const fetchPointDetails = async (id: number, signal?: AbortSignal) =>
  (await getJson<{ point: PublicPointDetails }>(`/api/public/points?id=${id}`, signal)).point;

export const geocode = async (q: string, signal?: AbortSignal) =>
  (await getJson<{ result: GeocodeResult | null }>(`/api/public/geocode?q=${encodeURIComponent(q)}`, signal)).result;

export type ReportOutcome = 'sent' | 'tooMany' | 'failed';

export async function sendReport(body: {
  point_id: number;
  reason: ReportReason;
  comment?: string;
  lang: string;
}): Promise<ReportOutcome> {
  try {
    const res = await fetch('/api/public/point-reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status === 201) return 'sent';
    return res.status === 429 ? 'tooMany' : 'failed';
  } catch {
    return 'failed';
  }
}

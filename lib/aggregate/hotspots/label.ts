export type HotspotLabel = 'new' | 'intensifying' | 'persistent' | 'diminishing' | '';

/** Labels of hotspots that grow: what a briefing lists as "growing hotspots". */
export const GROWING_LABELS: readonly HotspotLabel[] = ['new', 'intensifying'];

export interface LabelInput {
  /** Hot (Gi* z > 0 and a discovery at the chosen FDR) in each period, oldest first. */
  periods: readonly boolean[];
  /** Hot over the whole window. */
  overall: boolean;
  /** Mann–Kendall trend of the neighbourhood's weekly counts, where significant. */
  trend: 'up' | 'down' | 'none';
}

/**
 * The labelling rule, first match wins (docs/hotspots.md):
 * 1. new — hot in the last period and in no earlier period (needs at least two periods);
 * 2. intensifying — hot in the last period and in an earlier one, with a significant upward trend;
 * 3. diminishing — hot overall or in any period, with a significant downward trend;
 * 4. persistent — hot overall and in more than half of the periods;
 * 5. '' — anything else (not hot, or hot only now and then).
 */
export function hotspotLabel({ periods, overall, trend }: LabelInput): HotspotLabel {
  const hotCount = periods.filter(Boolean).length;
  const last = periods.length > 0 && periods[periods.length - 1];
  const earlier = hotCount - (last ? 1 : 0);
  if (periods.length >= 2 && last && earlier === 0) return 'new';
  if (last && earlier > 0 && trend === 'up') return 'intensifying';
  if ((overall || hotCount > 0) && trend === 'down') return 'diminishing';
  if (overall && hotCount * 2 > periods.length) return 'persistent';
  return '';
}

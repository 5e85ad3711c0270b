/** The appeal stream: two years of complaints and thanks, generated lazily in time order. */
import { TOPICS, type Channel, type Status } from '../domain/vocab';
import { compose } from './compose';
import { buildNetwork, buildTowns } from './network';
import { makePlaceSampler } from './places';
import { repairProjects } from './plans';
import { author } from './people';
import { cumulative, makeRng, nth, pickIndex, weighted, type Rng } from './rng';
import { demoRoads } from './roads';
import { COMPLAINTS } from './texts-complaints';
import { GRATITUDE } from './texts-gratitude';
import { makeTimeline } from './timeline';
import { subtopicTables, topicTable } from './topics';
import type { DemoAppeal } from './types';

const HOUR = 3_600_000;

interface ChannelSpec {
  channel: Channel;
  source: string;
  share: number;
  /** Share of thank-you messages; the platforms report about a third overall. */
  gratitude: number;
  /** Share published without coordinates: phone calls rarely come with a point on a map. */
  noCoords: number;
  /** Median and log-spread of the time to an answer, in hours. */
  medianHours: number;
  spread: number;
  id: (seq: number, t: number, rng: Rng) => string;
}

const CHANNELS: readonly ChannelSpec[] = [
  {
    channel: 'social',
    source: 'incident_management',
    share: 40,
    gratitude: 0.28,
    noCoords: 0.07,
    medianHours: 5,
    spread: 1.2,
    id: (seq) => `IM-${String(seq).padStart(8, '0')}`,
  },
  {
    channel: 'pos',
    source: 'pos_gosuslugi',
    share: 45,
    gratitude: 0.38,
    noCoords: 0.05,
    medianHours: 60,
    spread: 0.9,
    id: (seq, _t, rng) => String(2_154_000_000 + seq * 13 + rng.int(0, 12)),
  },
  {
    channel: 'portal',
    source: 'active_citizen',
    share: 4,
    gratitude: 0.3,
    noCoords: 0.02,
    medianHours: 72,
    spread: 0.8,
    id: (seq, t) => `AG-${new Date(t).getUTCFullYear()}-${String(seq).padStart(6, '0')}`,
  },
  {
    channel: 'bot',
    source: 'chatbot',
    share: 6,
    gratitude: 0.25,
    noCoords: 0.15,
    medianHours: 3,
    spread: 1.3,
    id: (seq) => `tg-${100_000 + seq}`,
  },
  {
    channel: 'hotline',
    source: 'hotline',
    share: 5,
    gratitude: 0.3,
    noCoords: 0.4,
    medianHours: 20,
    spread: 1.0,
    id: (seq) => `HL-${String(seq).padStart(6, '0')}`,
  },
];

/** Status and closing time as seen at `end`: old messages are answered, the last days are still open. */
function lifecycle(
  spec: ChannelSpec,
  gratitude: boolean,
  t: number,
  end: number,
  rng: Rng,
): { status: Status; closedAt: string | null } {
  const median = gratitude ? Math.min(spec.medianHours, 6) : spec.medianHours;
  const hours = Math.max(0.25, Math.min(30 * 24, median * Math.exp(rng.normal() * spec.spread)));
  const closed = t + hours * HOUR;
  if (closed > end) return { status: end - t < 6 * HOUR || rng.chance(0.3) ? 'new' : 'in_progress', closedAt: null };
  // A few old complaints stay stuck in work: the overdue tail the dashboard should surface.
  if (!gratitude && rng.chance(0.01)) return { status: 'in_progress', closedAt: null };
  const status: Status = gratitude
    ? rng.chance(0.5)
      ? 'closed'
      : 'answered'
    : weighted(rng, [
        ['closed', 60],
        ['answered', 35],
        ['rejected', 5],
      ] as const);
  return { status, closedAt: new Date(closed).toISOString() };
}

/**
 * Yields `count` appeals (default 200 000) for the two years before `end` (default 2026-11-01T00:00:00Z), in
 * non-decreasing `createdAt` order. Same options, same stream: everything derives from `DEMO_SEED`.
 */
export function* demoAppeals(opts: { count?: number; end?: Date } = {}): Generator<DemoAppeal> {
  const count = opts.count ?? 200_000;
  const end = opts.end ?? new Date('2026-11-01T00:00:00Z');
  const timeline = makeTimeline(end, count);
  const roads = demoRoads();
  const place = makePlaceSampler(buildNetwork(), buildTowns(), roads, repairProjects(roads), timeline.months);
  const topicTables = timeline.months.map(topicTable);
  const complaintTables = subtopicTables(COMPLAINTS);
  const thanksTables = subtopicTables(GRATITUDE);
  const channelCum = cumulative(CHANNELS.map((c) => c.share));
  const seq = new Map<string, number>();
  const rng = makeRng('appeals');

  for (let i = 0; i < count; i++) {
    const t = timeline.timeAt(i, rng.next());
    const m = timeline.monthOf(t);
    const month = nth(timeline.months, m);
    const spec = nth(CHANNELS, pickIndex(channelCum, rng.next()));
    const gratitude = rng.chance(spec.gratitude);
    const topic = nth(TOPICS, pickIndex(nth(topicTables, m), rng.next()));
    const { where, lat, lon } = place(topic, gratitude, m, rng);
    const draft = { channel: spec.channel, topic, gratitude, calendarMonth: month.calendarMonth, where };
    const { address, text } = gratitude
      ? compose(draft, GRATITUDE, thanksTables, rng)
      : compose(draft, COMPLAINTS, complaintTables, rng);
    const located = !rng.chance(spec.noCoords);
    const n = (seq.get(spec.source) ?? 0) + 1;
    seq.set(spec.source, n);
    const { status, closedAt } = lifecycle(spec, gratitude, t, timeline.end, rng);
    yield {
      source: spec.source,
      externalId: spec.id(n, t, rng),
      channel: spec.channel,
      createdAt: new Date(t).toISOString(),
      closedAt,
      status,
      topic,
      isGratitude: gratitude,
      text,
      address,
      street: where.street?.full ?? null,
      house: where.house,
      lat: located ? lat : null,
      lon: located ? lon : null,
      author: author(spec.channel, rng),
    };
  }
}

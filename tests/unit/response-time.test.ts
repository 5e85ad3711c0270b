import { describe, expect, it } from 'vitest';
import { answeredAt, deadlineOf, responseStats, type AppealTiming } from '../../lib/aggregate/responseTime';

const d = (s: string) => new Date(s);
const appeal = (p: Partial<AppealTiming> & { createdAt: Date }): AppealTiming => ({
  updatedAt: null,
  closedAt: null,
  status: 'closed',
  deadlineAt: null,
  ...p,
});

const NOW = d('2025-06-01T00:00:00Z');

const ROWS: AppealTiming[] = [
  // answered after 2 h, 10 h and 48 h: on time
  appeal({ createdAt: d('2025-03-01T10:00:00Z'), closedAt: d('2025-03-01T12:00:00Z') }),
  appeal({ createdAt: d('2025-03-02T08:00:00Z'), closedAt: d('2025-03-02T18:00:00Z'), status: 'answered' }),
  // ПОС-style: the answer date is in updated_at, status answered; 48 h
  appeal({ createdAt: d('2025-03-03T00:00:00Z'), updatedAt: d('2025-03-05T00:00:00Z'), status: 'answered' }),
  // answered after 31 days (744 h): late against 30 days
  appeal({ createdAt: d('2025-03-01T00:00:00Z'), closedAt: d('2025-04-01T00:00:00Z') }),
  // its own deadline of 10 days, answered after 12 days (288 h): late although within 30 days
  appeal({
    createdAt: d('2025-03-10T00:00:00Z'),
    closedAt: d('2025-03-22T00:00:00Z'),
    deadlineAt: d('2025-03-20T00:00:00Z'),
  }),
  // open for 40 days at NOW: overdue (late); open for 10 days: not yet
  appeal({ createdAt: d('2025-04-22T00:00:00Z'), status: 'in_progress' }),
  appeal({ createdAt: d('2025-05-22T00:00:00Z'), status: 'new' }),
  // in progress with an update (not an answer): still open and overdue
  appeal({ createdAt: d('2025-01-10T00:00:00Z'), updatedAt: d('2025-01-11T00:00:00Z'), status: 'in_progress' }),
  // closed without any date: in neither figure
  appeal({ createdAt: d('2025-02-01T00:00:00Z') }),
  // an answer dated before registration is a data error: no answer time
  appeal({ createdAt: d('2025-02-01T00:00:00Z'), closedAt: d('2025-01-01T00:00:00Z') }),
];

describe('response time', () => {
  it('answer time: closed_at, else updated_at of an answered or closed appeal', () => {
    expect(answeredAt(ROWS[0])).toEqual(d('2025-03-01T12:00:00Z'));
    expect(answeredAt(ROWS[2])).toEqual(d('2025-03-05T00:00:00Z'));
    expect(answeredAt(ROWS[7])).toBeNull();
    expect(answeredAt(ROWS[9])).toBeNull();
  });

  it("prefers the source's own answer time (mapping field answered_at), unless it is before the appeal", () => {
    const created = d('2025-03-01T10:00:00Z');
    const closed = d('2025-03-10T00:00:00Z');
    const answered = d('2025-03-02T10:00:00Z');
    expect(answeredAt(appeal({ createdAt: created, closedAt: closed, answeredAt: answered }))).toEqual(answered);
    expect(answeredAt(appeal({ createdAt: created, closedAt: closed, answeredAt: null }))).toEqual(closed);
    expect(answeredAt(appeal({ createdAt: created, status: 'in_progress', answeredAt: answered }))).toEqual(answered);
    expect(
      answeredAt(appeal({ createdAt: created, closedAt: closed, answeredAt: d('2025-02-28T00:00:00Z') })),
    ).toBeNull();
  });

  it("deadline: the source's own, else registration + N days", () => {
    expect(deadlineOf(ROWS[0], 30)).toEqual(d('2025-03-31T10:00:00Z'));
    expect(deadlineOf(ROWS[4], 30)).toEqual(d('2025-03-20T00:00:00Z'));
  });

  it('median, on time, late with open overdue appeals counted as late', () => {
    // answered hours: 2, 10, 48, 744, 288 → median 48; on time 3; late 2 answered + 2 open overdue
    expect(responseStats(ROWS, { now: NOW })).toEqual({
      answered: 5,
      medianHours: 48,
      onTime: 3,
      late: 4,
      openOverdue: 2,
      onTimeShare: 3 / 7,
      deadlineDays: 30,
    });
  });

  it('a shorter statutory deadline moves answers to late', () => {
    // 7 days: 744 h late, 288 h late (own deadline), the rest on time; open overdue: 40 days and 141 days; the
    // 10-day-old one too now (deadline 7 days)
    expect(responseStats(ROWS, { now: NOW, deadlineDays: 7 })).toEqual({
      answered: 5,
      medianHours: 48,
      onTime: 3,
      late: 5,
      openOverdue: 3,
      onTimeShare: 3 / 8,
      deadlineDays: 7,
    });
  });

  it('an even number of answers takes the mean of the middle two; nothing answered gives nulls', () => {
    expect(responseStats(ROWS.slice(0, 4), { now: NOW }).medianHours).toBe(29); // 2, 10, 48, 744 → (10 + 48)/2
    expect(responseStats([], { now: NOW })).toEqual({
      answered: 0,
      medianHours: null,
      onTime: 0,
      late: 0,
      openOverdue: 0,
      onTimeShare: null,
      deadlineDays: 30,
    });
  });
});

import { median } from 'simple-statistics';

/** Federal law 59-ФЗ, art. 12: a written appeal is answered within 30 days of its registration. */
export const DEFAULT_DEADLINE_DAYS = 30;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Statuses of an appeal still waiting for an answer. */
export const OPEN_STATUSES = ['new', 'in_progress'] as const;

export interface AppealTiming {
  createdAt: Date;
  updatedAt: Date | null;
  closedAt: Date | null;
  /** When the source says the executor answered (mapping field answered_at), if it says. */
  answeredAt?: Date | null;
  status: string;
  /** A deadline the source gives for this appeal (ПОС «Решаем вместе»: "Срок ответа"), if any. */
  deadlineAt: Date | null;
}

export interface ResponseStats {
  /** Appeals with an answer time (see answeredAt). */
  answered: number;
  /** Median hours from registration to answer over the answered; null when none. */
  medianHours: number | null;
  /** Answered by the deadline. */
  onTime: number;
  /** Answered after the deadline, plus open appeals past it. */
  late: number;
  /** Still open (new, in progress) and past the deadline at `now`. */
  openOverdue: number;
  /** onTime / (answered + openOverdue); null when both are 0. */
  onTimeShare: number | null;
  deadlineDays: number;
}

/**
 * When an appeal was answered: the answer time the source gives (mapping field answered_at, issue 22), else its
 * closing time, else — for sources that only record the answer's date in the update field (ПОС "Дата ответа") — the
 * update time of an answered or closed appeal. An answer dated before the registration is a data error and counts as
 * no answer time.
 */
export function answeredAt(
  a: Pick<AppealTiming, 'createdAt' | 'updatedAt' | 'closedAt' | 'answeredAt' | 'status'>,
): Date | null {
  const t = a.answeredAt ?? a.closedAt ?? (a.status === 'answered' || a.status === 'closed' ? a.updatedAt : null);
  return t && t.getTime() >= a.createdAt.getTime() ? t : null;
}

/** The appeal's own deadline when the source gives one, else registration + deadlineDays. */
export function deadlineOf(a: Pick<AppealTiming, 'createdAt' | 'deadlineAt'>, deadlineDays: number): Date {
  return a.deadlineAt ?? new Date(a.createdAt.getTime() + deadlineDays * DAY);
}

/**
 * Response-time figures of the side panel. Open appeals past their deadline count as late: a backlog must not
 * look like punctuality. Appeals closed without any date are in neither figure. The SQL in summary.ts computes the
 * same on the server; an integration test holds the two together.
 */
export function responseStats(rows: Iterable<AppealTiming>, opts: { now: Date; deadlineDays?: number }): ResponseStats {
  const deadlineDays = opts.deadlineDays ?? DEFAULT_DEADLINE_DAYS;
  const hours: number[] = [];
  let onTime = 0;
  let lateAnswered = 0;
  let openOverdue = 0;
  for (const a of rows) {
    const due = deadlineOf(a, deadlineDays).getTime();
    const at = answeredAt(a);
    if (at) {
      hours.push((at.getTime() - a.createdAt.getTime()) / HOUR);
      if (at.getTime() <= due) onTime++;
      else lateAnswered++;
    } else if (
      (OPEN_STATUSES as readonly string[]).includes(a.status) &&
      a.closedAt === null &&
      due < opts.now.getTime()
    ) {
      openOverdue++;
    }
  }
  const answered = hours.length;
  return {
    answered,
    medianHours: answered ? median(hours) : null,
    onTime,
    late: lateAnswered + openOverdue,
    openOverdue,
    onTimeShare: answered + openOverdue ? onTime / (answered + openOverdue) : null,
    deadlineDays,
  };
}

import type { ScoredSegment } from './types';
import { PARTS } from './types';

/** One column of the exported list: key (CSV header / GeoJSON property), Russian title, number format, width. */
export interface Column {
  key: string;
  title: string;
  numFmt?: string;
  width: number;
  value: (s: ScoredSegment) => string | number | null;
}

const PART_TITLES: Record<string, string> = {
  per_km: 'жалоб на км',
  citizens: 'заявителей',
  trend: 'рост',
  condition: 'состояние',
  road_class: 'класс',
  facilities: 'объекты рядом',
};

/** The columns of every export format, in order: the same names in CSV, XLSX and GeoJSON. */
export const COLUMNS: Column[] = [
  { key: 'rank', title: 'Место', numFmt: '0', width: 7, value: (s) => s.rank },
  { key: 'external_id', title: 'Код участка', width: 13, value: (s) => s.externalId },
  { key: 'name', title: 'Название', width: 30, value: (s) => s.name },
  { key: 'owner', title: 'Владелец', width: 12, value: (s) => s.owner },
  { key: 'road_class', title: 'Класс', width: 12, value: (s) => s.roadClass },
  { key: 'length_m', title: 'Длина, м', numFmt: '#,##0', width: 10, value: (s) => Math.round(s.lengthM) },
  { key: 'rating', title: 'Оценка (1–5)', numFmt: '0.0', width: 10, value: (s) => s.rating },
  { key: 'complaints', title: 'Жалоб', numFmt: '0', width: 8, value: (s) => s.complaints },
  { key: 'per_km', title: 'Жалоб на км', numFmt: '0.0', width: 11, value: (s) => s.perKm },
  { key: 'citizens', title: 'Заявителей', numFmt: '0', width: 11, value: (s) => s.citizens },
  { key: 'last90', title: 'За 90 дней', numFmt: '0', width: 10, value: (s) => s.last90 },
  { key: 'prev90', title: 'Предыдущие 90', numFmt: '0', width: 12, value: (s) => s.prev90 },
  { key: 'facilities', title: 'Объектов рядом', numFmt: '0', width: 10, value: (s) => s.facilities },
  { key: 'plan_state', title: 'План', width: 14, value: (s) => s.planState },
  { key: 'plan_year', title: 'Год плана', numFmt: '0', width: 9, value: (s) => s.activePlan?.year ?? null },
  { key: 'completed_at', title: 'Отремонтирован', width: 13, value: (s) => s.lastRepair?.completedAt ?? null },
  { key: 'warranty_until', title: 'Гарантия до', width: 12, value: (s) => s.lastRepair?.warrantyUntil ?? null },
  {
    key: 'complaints_since_repair',
    title: 'Жалоб после ремонта',
    numFmt: '0',
    width: 12,
    value: (s) => s.complaintsSinceRepair,
  },
  {
    key: 'thanks_after_repair',
    title: 'Благодарностей после ремонта',
    numFmt: '0',
    width: 14,
    value: (s) => s.thanksAfterRepair,
  },
  { key: 'score', title: 'Балл', numFmt: '0.0', width: 8, value: (s) => s.score },
  ...PARTS.map((p): Column => ({
    key: `part_${p}`,
    title: `Часть: ${PART_TITLES[p]}`,
    numFmt: '0.000',
    width: 11,
    value: (s) => Math.round(s.parts[p] * 1000) / 1000,
  })),
  ...PARTS.map((p): Column => ({
    key: `points_${p}`,
    title: `Баллы: ${PART_TITLES[p]}`,
    numFmt: '0.0',
    width: 11,
    value: (s) => s.contributions[p],
  })),
];

/** A segment as a flat record keyed by column key. */
export const rowOf = (s: ScoredSegment): Record<string, string | number | null> =>
  Object.fromEntries(COLUMNS.map((c) => [c.key, c.value(s)]));

/**
 * Places that keep generating complaints: a leaking block, a broken courtyard, an overflowing container site.
 * Some are there all along, some appear or grow during the period, some fade after the problem is fixed.
 */
import type { Topic } from '../domain/vocab';

/** How a hotspot's intensity changes over the period (progress 0 → 1). */
export type Profile =
  | { kind: 'steady' }
  | { kind: 'growing' }
  | { kind: 'fading' }
  | { kind: 'new'; from: number }
  | { kind: 'burst'; from: number; to: number };

/** A hotspot on an Orenburg street: `at` is the fraction of the street's length, `sigma` the spread in metres. */
export interface CityHotspot {
  street: string;
  at: number;
  sigma: number;
  topic: Topic;
  weight: number;
  profile: Profile;
}

/** A hotspot in another town, offset from its centre in km. */
export interface TownHotspot {
  settlement: string;
  street: string;
  dx: number;
  dy: number;
  sigma: number;
  topic: Topic;
  weight: number;
  profile: Profile;
}

/** Relative intensity at a point of the period. */
export function activity(p: Profile, progress: number): number {
  switch (p.kind) {
    case 'steady':
      return 1;
    case 'growing':
      return 0.3 + 1.4 * progress;
    case 'fading':
      return Math.max(0.05, 1.7 - 1.6 * progress);
    case 'new':
      return progress < p.from ? 0 : Math.min(1.5, (progress - p.from) * 6);
    case 'burst':
      return progress >= p.from && progress <= p.to ? 1.5 : 0.05;
  }
}

const steady: Profile = { kind: 'steady' };
const growing: Profile = { kind: 'growing' };
const fading: Profile = { kind: 'fading' };

type CityRow = [street: string, at: number, sigma: number, topic: Topic, weight: number, profile: Profile];

const CITY: CityRow[] = [
  ['Салмышская улица', 0.55, 250, 'roads', 1.5, growing],
  ['Шарлыкское шоссе', 0.6, 300, 'roads', 1.2, fading],
  ['Пролетарская улица', 0.45, 250, 'roads', 1, steady],
  ['Нежинское шоссе', 0.3, 300, 'roads', 1, growing],
  ['Донгузская улица', 0.5, 250, 'roads', 1, { kind: 'new', from: 0.4 }],
  ['Автодромная улица', 0.5, 200, 'roads', 0.8, fading],
  ['улица Чкалова', 0.4, 200, 'housing', 1.5, steady],
  ['улица Родимцева', 0.5, 200, 'housing', 1.2, growing],
  ['улица Кичигина', 0.4, 200, 'housing', 1, steady],
  ['Карагандинская улица', 0.6, 250, 'housing', 1, fading],
  ['улица Постникова', 0.5, 150, 'housing', 0.8, { kind: 'burst', from: 0.45, to: 0.62 }],
  ['Орская улица', 0.5, 300, 'housing', 1, steady],
  ['улица Терешковой', 0.5, 200, 'improvement', 1.2, steady],
  ['улица Джангильдина', 0.5, 250, 'improvement', 1.3, { kind: 'new', from: 0.3 }],
  ['Советская улица', 0.5, 150, 'improvement', 1, steady],
  ['Новая улица', 0.5, 200, 'improvement', 0.8, fading],
  ['Комсомольская улица', 0.4, 150, 'improvement', 0.8, growing],
  ['проспект Гагарина', 0.4, 150, 'health', 1.2, steady],
  ['улица Берёзка', 0.5, 150, 'health', 1, growing],
  ['улица Володарского', 0.5, 120, 'health', 0.8, steady],
  ['проспект Победы', 0.3, 200, 'transport', 1.3, steady],
  ['Загородное шоссе', 0.25, 300, 'transport', 1, { kind: 'new', from: 0.55 }],
  ['Транспортная улица', 0.5, 200, 'transport', 0.8, fading],
  ['Брестская улица', 0.4, 150, 'waste', 1.2, steady],
  ['улица Монтажников', 0.5, 200, 'waste', 1, { kind: 'new', from: 0.5 }],
  ['Туркестанская улица', 0.5, 150, 'waste', 0.8, fading],
  ['Ленинская улица', 0.5, 150, 'covid', 1.2, fading],
  ['улица 8 Марта', 0.5, 150, 'education', 1, steady],
  ['Беляевская улица', 0.5, 300, 'energy', 1, { kind: 'burst', from: 0.2, to: 0.35 }],
  ['проезд Коммунаров', 0.5, 120, 'social', 0.8, steady],
  ['улица Юных Ленинцев', 0.5, 200, 'other', 0.8, growing],
];

/** Orenburg hotspots. */
export const CITY_HOTSPOTS: readonly CityHotspot[] = CITY.map(([street, at, sigma, topic, weight, profile]) => ({
  street,
  at,
  sigma,
  topic,
  weight,
  profile,
}));

/** Hotspots outside Orenburg, e.g. Краматорская in Orsk, overhauled after many complaints. */
export const TOWN_HOTSPOTS: readonly TownHotspot[] = [
  {
    settlement: 'г. Орск',
    street: 'Краматорская улица',
    dx: 2.5,
    dy: 1.2,
    sigma: 0.3,
    topic: 'roads',
    weight: 2,
    profile: fading,
  },
  {
    settlement: 'г. Орск',
    street: 'проспект Ленина',
    dx: -1.5,
    dy: 0.5,
    sigma: 0.4,
    topic: 'improvement',
    weight: 1,
    profile: steady,
  },
  {
    settlement: 'г. Орск',
    street: 'улица Станиславского',
    dx: 0.8,
    dy: -1.0,
    sigma: 0.3,
    topic: 'housing',
    weight: 1,
    profile: growing,
  },
  {
    settlement: 'г. Новотроицк',
    street: 'Советская улица',
    dx: 0.5,
    dy: 0.3,
    sigma: 0.3,
    topic: 'housing',
    weight: 1,
    profile: steady,
  },
  {
    settlement: 'г. Бузулук',
    street: 'Рабочая улица',
    dx: -0.6,
    dy: 0.4,
    sigma: 0.3,
    topic: 'roads',
    weight: 1,
    profile: growing,
  },
  {
    settlement: 'г. Гай',
    street: 'улица Ленина',
    dx: 0.3,
    dy: -0.2,
    sigma: 0.25,
    topic: 'waste',
    weight: 1,
    profile: { kind: 'new', from: 0.5 },
  },
  {
    settlement: 'г. Соль-Илецк',
    street: 'улица Персиянова',
    dx: 0.4,
    dy: 0.6,
    sigma: 0.3,
    topic: 'improvement',
    weight: 1,
    profile: steady,
  },
];

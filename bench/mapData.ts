import { latLngToCell } from 'h3-js';
import seedrandom from 'seedrandom';

/*
 * A deterministic national-scale appeal set: 60 Russian cities weighted by population (appeals follow people),
 * each a dense centre falling off with distance (a 2-D Gaussian whose width grows with the city), plus 8 % rural
 * appeals spread up to ~150 km around. Topics, channels and statuses are skewed the way ЦУР data is; about a third
 * are thanks. Dates run from 2021-01-01 to 2026-10-31, growing over time.
 */
export const CITIES: readonly [name: string, lat: number, lon: number, popM: number][] = [
  ['Москва', 55.7558, 37.6173, 13.1],
  ['Санкт-Петербург', 59.9386, 30.3141, 5.6],
  ['Новосибирск', 55.0302, 82.9204, 1.63],
  ['Екатеринбург', 56.8389, 60.6057, 1.54],
  ['Казань', 55.7963, 49.1088, 1.31],
  ['Нижний Новгород', 56.3269, 44.0059, 1.21],
  ['Красноярск', 56.0097, 92.8525, 1.2],
  ['Челябинск', 55.1598, 61.4025, 1.18],
  ['Самара', 53.1959, 50.1002, 1.16],
  ['Уфа', 54.7348, 55.9579, 1.16],
  ['Ростов-на-Дону', 47.2225, 39.7187, 1.14],
  ['Краснодар', 45.0355, 38.9753, 1.1],
  ['Омск', 54.9893, 73.3682, 1.1],
  ['Воронеж', 51.6606, 39.2006, 1.05],
  ['Пермь', 58.0105, 56.2502, 1.03],
  ['Волгоград', 48.708, 44.5133, 1.02],
  ['Саратов', 51.5331, 46.0342, 0.9],
  ['Тюмень', 57.1522, 65.5272, 0.85],
  ['Тольятти', 53.5078, 49.4204, 0.68],
  ['Махачкала', 42.9849, 47.5047, 0.62],
  ['Барнаул', 53.3474, 83.7784, 0.63],
  ['Ижевск', 56.8526, 53.2045, 0.62],
  ['Хабаровск', 48.4802, 135.0719, 0.62],
  ['Ульяновск', 54.3142, 48.4031, 0.61],
  ['Иркутск', 52.2864, 104.2807, 0.61],
  ['Владивосток', 43.1155, 131.8855, 0.6],
  ['Ярославль', 57.6261, 39.8845, 0.57],
  ['Севастополь', 44.6166, 33.5254, 0.55],
  ['Томск', 56.4847, 84.9482, 0.57],
  ['Ставрополь', 45.0448, 41.969, 0.55],
  ['Кемерово', 55.3547, 86.0873, 0.55],
  ['Набережные Челны', 55.7436, 52.3958, 0.54],
  ['Оренбург', 51.7682, 55.097, 0.55],
  ['Новокузнецк', 53.7557, 87.1099, 0.54],
  ['Балашиха', 55.7963, 37.9382, 0.52],
  ['Рязань', 54.6269, 39.6916, 0.52],
  ['Чебоксары', 56.1439, 47.2489, 0.5],
  ['Калининград', 54.7104, 20.4522, 0.49],
  ['Пенза', 53.1959, 45.0183, 0.5],
  ['Липецк', 52.6031, 39.5708, 0.5],
  ['Киров', 58.6035, 49.668, 0.47],
  ['Астрахань', 46.3497, 48.0408, 0.47],
  ['Тула', 54.1961, 37.6182, 0.47],
  ['Сочи', 43.5855, 39.7231, 0.46],
  ['Курск', 51.7304, 36.1926, 0.44],
  ['Улан-Удэ', 51.8335, 107.5841, 0.44],
  ['Тверь', 56.8587, 35.9176, 0.42],
  ['Магнитогорск', 53.4186, 58.9794, 0.41],
  ['Якутск', 62.0355, 129.6755, 0.36],
  ['Мурманск', 68.9585, 33.0827, 0.27],
  ['Архангельск', 64.5393, 40.5187, 0.3],
  ['Сургут', 61.254, 73.3962, 0.4],
  ['Петропавловск-Камчатский', 53.0452, 158.6483, 0.16],
  ['Норильск', 69.3558, 88.1893, 0.18],
  ['Анадырь', 64.7337, 177.5089, 0.015],
  ['Южно-Сахалинск', 46.9591, 142.738, 0.2],
  ['Благовещенск', 50.2907, 127.5272, 0.24],
  ['Чита', 52.0515, 113.4712, 0.35],
  ['Смоленск', 54.7826, 32.0453, 0.32],
];

const TOPICS: [string, number][] = [
  ['roads', 24],
  ['housing', 26],
  ['improvement', 16],
  ['transport', 7],
  ['health', 6],
  ['waste', 7],
  ['education', 3],
  ['energy', 3],
  ['social', 3],
  ['covid', 2],
  ['other', 3],
];
const CHANNELS: [string, number][] = [
  ['social', 45],
  ['pos', 30],
  ['portal', 10],
  ['app', 6],
  ['bot', 4],
  ['hotline', 4],
  ['email', 1],
];
const START = Date.UTC(2021, 0, 1);
const END = Date.UTC(2026, 9, 31, 23, 59);

function picker(items: readonly [string, number][]) {
  const total = items.reduce((s, [, w]) => s + w, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const [, w] of items) cum.push((acc += w / total));
  return (u: number) =>
    items[
      Math.min(
        items.length - 1,
        cum.findIndex((c) => u <= c),
      )
    ][0];
}

export interface BenchAppeal {
  externalId: string;
  city: number;
  lat: number;
  lon: number;
  h3: bigint;
  createdAt: string;
  topic: string;
  channel: string;
  status: string;
  isGratitude: boolean;
  /** Inside its city's municipality (the rural ones are not). */
  inCity: boolean;
}

/** Yields `rows` appeals, always the same for the same count. */
export function* benchAppeals(rows: number): Generator<BenchAppeal> {
  const rng = seedrandom('pmap-bench-map');
  const city = picker(CITIES.map(([, , , p], i) => [String(i), p]));
  const topic = picker(TOPICS);
  const channel = picker(CHANNELS);
  for (let i = 0; i < rows; i++) {
    const c = Number(city(rng()));
    const [, clat, clon, pop] = CITIES[c];
    const rural = rng() < 0.08;
    // Box–Muller: a Gaussian around the centre, sigma 2.5 km × sqrt(population in millions), at least 1.2 km.
    const sigmaKm = rural ? 60 : Math.max(1.2, 2.5 * Math.sqrt(pop));
    const r = sigmaKm * Math.sqrt(-2 * Math.log(1 - rng()));
    const a = 2 * Math.PI * rng();
    const lat = Math.max(41, Math.min(78, clat + (r * Math.sin(a)) / 111.2));
    let lon = clon + (r * Math.cos(a)) / (111.2 * Math.cos((clat * Math.PI) / 180));
    if (lon > 180) lon -= 360;
    // Growth: later years have more appeals (sqrt of a uniform skews towards the end).
    const t = START + Math.sqrt(rng()) * (END - START);
    const ageDays = (END - t) / 86400_000;
    const status =
      ageDays > 60
        ? rng() < 0.9
          ? 'closed'
          : 'answered'
        : ['new', 'in_progress', 'answered', 'closed'][Math.floor(rng() * 4)];
    yield {
      externalId: `M-${i}`,
      city: c,
      lat,
      lon,
      h3: BigInt(`0x${latLngToCell(lat, lon, 9)}`),
      createdAt: new Date(t).toISOString(),
      topic: topic(rng()),
      channel: channel(rng()),
      status,
      isGratitude: rng() < 0.3,
      inCity: !rural && r < 3 * sigmaKm,
    };
  }
}

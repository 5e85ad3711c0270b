/** Hand-made, approximate geography of Orenburg oblast (not survey data): outline, municipalities and their seats. */
import type { LonLat } from './geo';

/** Oblast outline, clockwise from the western tip; about 40 vertices following the real borders loosely. */
export const REGION_OUTLINE: readonly LonLat[] = [
  [50.8, 51.75],
  [51.05, 52.0],
  [51.45, 52.35],
  [51.75, 52.8],
  [51.9, 53.1],
  [52.05, 53.55],
  [52.2, 53.95],
  [52.3, 54.3],
  [52.6, 54.38],
  [52.95, 54.15],
  [53.3, 53.95],
  [53.75, 53.85],
  [54.2, 53.45],
  [54.55, 53.3],
  [55.0, 53.05],
  [55.5, 52.85],
  [56.0, 52.65],
  [56.6, 52.5],
  [57.1, 51.95],
  [57.7, 51.8],
  [58.3, 51.85],
  [58.95, 52.05],
  [59.35, 52.4],
  [59.9, 52.4],
  [60.3, 52.05],
  [60.6, 51.9],
  [61.1, 51.5],
  [61.7, 51.2],
  [61.55, 50.95],
  [61.0, 50.8],
  [60.2, 50.7],
  [59.55, 50.55],
  [58.9, 50.7],
  [58.55, 50.95],
  [57.9, 50.95],
  [57.4, 51.05],
  [56.8, 51.0],
  [56.2, 50.9],
  [55.6, 50.7],
  [55.1, 50.8],
  [54.6, 50.75],
  [54.0, 50.95],
  [53.4, 51.3],
  [52.8, 51.45],
  [52.2, 51.5],
  [51.6, 51.45],
  [51.1, 51.55],
  [50.8, 51.75],
];

/** The city of Orenburg: its centre, used as the origin of the street plan. */
export const ORENBURG_CENTRE: LonLat = [55.097, 51.7682];

/** A settlement that appeals and vaccination points are placed in. */
export interface Seat {
  /** Name with its type prefix, e.g. 'г. Орск', 'п. Саракташ', 'с. Тоцкое'. */
  name: string;
  lat: number;
  lon: number;
  /** Population in thousands, used as the weight for appeals. */
  pop: number;
  /** Telephone area code without the country prefix. */
  phoneCode: string;
}

/** One municipality of the oblast. */
export interface MunicipalitySpec {
  name: string;
  /** Voronoi site, or the centre of an enclave city. */
  lat: number;
  lon: number;
  /** Cities given their own small outline instead of a Voronoi cell: half-widths in km. */
  enclave?: { rx: number; ry: number };
  seat: Seat;
}

const city = (
  name: string,
  lat: number,
  lon: number,
  pop: number,
  code: string,
  rx: number,
  ry: number,
): MunicipalitySpec => ({
  name,
  lat,
  lon,
  enclave: { rx, ry },
  seat: { name: `г. ${name}`, lat, lon, pop, phoneCode: code },
});

/** `seatAt` is given when the seat is not the Voronoi site (the site may be an enclave city or moved for shape). */
const unit = (
  name: string,
  seat: string,
  lat: number,
  lon: number,
  pop: number,
  code: string,
  seatAt?: [number, number],
): MunicipalitySpec => ({
  name,
  lat,
  lon,
  seat: { name: seat, lat: seatAt?.[0] ?? lat, lon: seatAt?.[1] ?? lon, pop, phoneCode: code },
});

/**
 * Real municipality names with approximate centres. Оренбург's outline is drawn separately (see streets-data),
 * so its rx/ry here only matter for the list of enclaves.
 */
export const MUNICIPALITIES: readonly MunicipalitySpec[] = [
  city('Оренбург', 51.7682, 55.097, 545, '3532', 14, 10),
  city('Орск', 51.215, 58.57, 185, '3537', 10, 6.5),
  city('Новотроицк', 51.2, 58.305, 80, '3537', 5, 4),
  city('Бузулук', 52.788, 52.262, 80, '35342', 5.5, 4.5),
  city('Бугуруслан', 53.655, 52.442, 45, '35352', 4.5, 4),
  unit('Медногорск', 'г. Медногорск', 51.414, 57.594, 25, '35379'),
  unit('Гайский городской округ', 'г. Гай', 51.466, 58.452, 35, '35362'),
  unit('Кувандыкский городской округ', 'г. Кувандык', 51.478, 57.355, 24, '35361'),
  unit('Сорочинский городской округ', 'г. Сорочинск', 52.427, 53.157, 27, '35346'),
  unit('Ясненский городской округ', 'г. Ясный', 51.036, 59.874, 15, '35368'),
  unit('Абдулинский городской округ', 'г. Абдулино', 53.677, 53.645, 18, '35355'),
  unit('Соль-Илецкий городской округ', 'г. Соль-Илецк', 51.163, 54.999, 26, '35336'),
  // District centres that are enclave cities get a village as the seat, so appeals land outside the city.
  unit('Оренбургский район', 'с. Нежинка', 51.7682, 55.097, 8, '3532', [51.772, 54.855]),
  unit('Бузулукский район', 'п. Колтубановский', 52.788, 52.262, 5, '35342', [52.94, 52.03]),
  unit('Бугурусланский район', 'с. Коровино', 53.655, 52.442, 3, '35352', [53.76, 52.28]),
  // Moved north of the real village so that the city of Orenburg stays inside the Оренбургский cell.
  unit('Сакмарский район', 'с. Сакмара', 52.05, 55.4, 6, '35331', [51.983, 55.333]),
  unit('Акбулакский район', 'п. Акбулак', 51.004, 55.618, 11, '35335'),
  unit('Беляевский район', 'с. Беляевка', 51.401, 56.42, 6, '35334'),
  unit('Саракташский район', 'п. Саракташ', 51.792, 56.363, 17, '35333'),
  unit('Илекский район', 'с. Илек', 51.527, 53.385, 7, '35337'),
  unit('Ташлинский район', 'с. Ташла', 51.766, 52.755, 4, '35347'),
  unit('Переволоцкий район', 'п. Переволоцкий', 51.876, 54.197, 9, '35338'),
  unit('Новосергиевский район', 'п. Новосергиевка', 52.093, 53.639, 12, '35339'),
  unit('Тоцкий район', 'с. Тоцкое', 52.523, 52.76, 9, '35349'),
  unit('Грачёвский район', 'с. Грачёвка', 52.919, 52.866, 4, '35344'),
  unit('Шарлыкский район', 'с. Шарлык', 52.922, 54.758, 7, '35358'),
  unit('Октябрьский район', 'с. Октябрьское', 52.348, 55.513, 7, '35330'),
  unit('Тюльганский район', 'п. Тюльган', 52.34, 56.163, 9, '35332'),
  unit('Пономарёвский район', 'с. Пономарёвка', 53.115, 54.163, 5, '35357'),
  unit('Северный район', 'с. Северное', 54.086, 52.548, 5, '35354'),
  unit('Асекеевский район', 'с. Асекеево', 53.583, 52.8, 5, '35351'),
  unit('Матвеевский район', 'с. Матвеевка', 53.466, 53.47, 4, '35356'),
  unit('Курманаевский район', 'с. Курманаевка', 52.512, 52.058, 4, '35341'),
  unit('Первомайский район', 'п. Первомайский', 51.55, 51.62, 6, '35348'),
  unit('Светлинский район', 'п. Светлый', 50.812, 60.858, 11, '35366'),
  unit('Домбаровский район', 'п. Домбаровский', 50.757, 59.54, 7, '35367'),
  unit('Адамовский район', 'п. Адамовка', 51.522, 59.936, 8, '35365'),
  unit('Кваркенский район', 'с. Кваркено', 52.081, 59.727, 4, '35364'),
  unit('Новоорский район', 'п. Новоорск', 51.381, 58.983, 10, '35363'),
  unit('Красногвардейский район', 'с. Плешаново', 52.853, 53.475, 5, '35345'),
  unit('Александровский район', 'с. Александровка', 52.674, 54.418, 4, '35359'),
];

/** Short district label for postal-style addresses: 'Саракташский р-н'. */
export function districtLabel(m: MunicipalitySpec): string | null {
  return m.name.endsWith(' район') ? `${m.name.slice(0, -' район'.length)} р-н` : null;
}

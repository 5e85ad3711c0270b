/**
 * A plausible (not surveyed) street plan of Orenburg in km east/north of the city centre: a rough grid of the old
 * town and the northern districts plus the highways leaving the city. Names are real Orenburg streets.
 */
import type { Km } from './geo';

/** Road class and owner as in the public road register. */
export type RoadClass = 'primary' | 'secondary' | 'tertiary' | 'residential';
export type RoadOwner = 'federal' | 'regional' | 'municipal';

/** One street as drawn on the plan. */
export interface StreetSpec {
  name: string;
  roadClass: RoadClass;
  owner: RoadOwner;
  line: Km[];
}

type Row = [name: string, roadClass: RoadClass, owner: RoadOwner, line: Km[]];

const ROWS: Row[] = [
  [
    'Нежинское шоссе',
    'primary',
    'federal',
    [
      [-2.0, -0.8],
      [-6.5, -2.6],
      [-12.5, -4.0],
    ],
  ],
  [
    'Загородное шоссе',
    'primary',
    'federal',
    [
      [2.2, 0.9],
      [6.0, 1.5],
      [12.8, 2.6],
    ],
  ],
  [
    'Шарлыкское шоссе',
    'primary',
    'regional',
    [
      [-1.0, 4.5],
      [-1.3, 8.5],
      [-2.4, 12.1],
    ],
  ],
  [
    'проспект Победы',
    'primary',
    'regional',
    [
      [-3.2, 4.2],
      [2.0, 4.9],
      [8.0, 6.0],
      [12.0, 6.6],
    ],
  ],
  [
    'Донгузская улица',
    'secondary',
    'regional',
    [
      [-3.0, 0.5],
      [-7.0, -0.6],
      [-12.8, -1.9],
    ],
  ],
  [
    'Беляевская улица',
    'secondary',
    'regional',
    [
      [2.8, 0.3],
      [7.5, 0.5],
      [12.5, 0.0],
    ],
  ],
  [
    'Пролетарская улица',
    'secondary',
    'municipal',
    [
      [-2.6, 2.6],
      [3.0, 3.5],
      [9.0, 4.3],
      [12.2, 4.6],
    ],
  ],
  [
    'Салмышская улица',
    'secondary',
    'municipal',
    [
      [-9.5, 7.6],
      [-2.0, 8.4],
      [4.0, 9.2],
      [9.6, 9.8],
    ],
  ],
  [
    'улица Терешковой',
    'secondary',
    'municipal',
    [
      [0.2, 0.0],
      [0.6, 4.5],
      [1.3, 10.6],
    ],
  ],
  [
    'улица Чкалова',
    'secondary',
    'municipal',
    [
      [1.0, 0.4],
      [1.8, 4.8],
      [2.6, 8.3],
    ],
  ],
  [
    'проспект Гагарина',
    'secondary',
    'municipal',
    [
      [4.0, 1.6],
      [4.5, 6.0],
      [5.1, 11.2],
    ],
  ],
  [
    'улица Монтажников',
    'secondary',
    'municipal',
    [
      [-6.0, -0.2],
      [-5.6, 7.2],
    ],
  ],
  [
    'Карагандинская улица',
    'secondary',
    'municipal',
    [
      [-4.0, 2.8],
      [-3.5, 11.6],
    ],
  ],
  [
    'Туркестанская улица',
    'secondary',
    'municipal',
    [
      [-2.6, 2.8],
      [-2.1, 8.2],
    ],
  ],
  [
    'Орская улица',
    'secondary',
    'municipal',
    [
      [2.5, -0.6],
      [5.5, -1.0],
      [9.5, -0.9],
    ],
  ],
  [
    'улица Маршала Жукова',
    'secondary',
    'municipal',
    [
      [-4.5, 6.6],
      [1.0, 7.1],
      [5.0, 7.8],
    ],
  ],
  [
    'Автодромная улица',
    'secondary',
    'municipal',
    [
      [6.6, 6.4],
      [7.3, 11.0],
    ],
  ],
  [
    'улица Джангильдина',
    'secondary',
    'municipal',
    [
      [-1.8, 9.6],
      [4.5, 10.3],
    ],
  ],
  [
    'Транспортная улица',
    'secondary',
    'municipal',
    [
      [8.4, 0.9],
      [8.8, 8.8],
    ],
  ],
  [
    'улица Гаранькина',
    'secondary',
    'municipal',
    [
      [4.8, 7.3],
      [10.6, 8.0],
    ],
  ],
  [
    'Советская улица',
    'tertiary',
    'municipal',
    [
      [-1.6, -0.2],
      [2.0, 0.4],
    ],
  ],
  [
    'Ленинская улица',
    'tertiary',
    'municipal',
    [
      [-1.7, 0.3],
      [2.1, 0.9],
    ],
  ],
  [
    'улица Володарского',
    'tertiary',
    'municipal',
    [
      [-1.9, 0.8],
      [2.3, 1.5],
    ],
  ],
  [
    'улица 8 Марта',
    'tertiary',
    'municipal',
    [
      [-2.0, 1.3],
      [2.4, 2.0],
    ],
  ],
  [
    'Комсомольская улица',
    'tertiary',
    'municipal',
    [
      [-2.2, 1.8],
      [2.5, 2.6],
    ],
  ],
  [
    'Краснознамённая улица',
    'tertiary',
    'municipal',
    [
      [-1.6, -0.7],
      [1.8, -0.2],
    ],
  ],
  [
    'Уральская улица',
    'tertiary',
    'municipal',
    [
      [-4.2, -1.5],
      [1.5, -1.2],
    ],
  ],
  [
    'Парковый проспект',
    'tertiary',
    'municipal',
    [
      [-1.5, 3.2],
      [3.5, 4.0],
    ],
  ],
  [
    'Театральная улица',
    'tertiary',
    'municipal',
    [
      [-1.6, 5.6],
      [3.0, 6.2],
    ],
  ],
  [
    'улица Юных Ленинцев',
    'tertiary',
    'municipal',
    [
      [-9.0, 6.3],
      [-4.8, 6.7],
    ],
  ],
  [
    'Брестская улица',
    'tertiary',
    'municipal',
    [
      [-10.5, 4.6],
      [-6.3, 5.1],
    ],
  ],
  [
    'улица Кичигина',
    'tertiary',
    'municipal',
    [
      [-8.8, 0.6],
      [-8.4, 6.0],
    ],
  ],
  [
    'улица Постникова',
    'tertiary',
    'municipal',
    [
      [-4.8, -0.9],
      [-4.5, 2.6],
    ],
  ],
  [
    'Новая улица',
    'residential',
    'municipal',
    [
      [-7.4, 7.0],
      [-7.0, 11.2],
    ],
  ],
  [
    'улица Родимцева',
    'tertiary',
    'municipal',
    [
      [-5.8, 10.2],
      [-1.8, 10.7],
    ],
  ],
  [
    'улица Берёзка',
    'residential',
    'municipal',
    [
      [-6.5, 8.8],
      [-2.8, 9.3],
    ],
  ],
  [
    'улица Шевченко',
    'tertiary',
    'municipal',
    [
      [3.0, 0.9],
      [3.4, 4.6],
    ],
  ],
  [
    'проезд Коммунаров',
    'residential',
    'municipal',
    [
      [1.3, -0.9],
      [1.6, 0.5],
    ],
  ],
  [
    'Пушкинская улица',
    'tertiary',
    'municipal',
    [
      [-0.5, -0.6],
      [-0.3, 2.9],
    ],
  ],
  [
    'улица Кирова',
    'tertiary',
    'municipal',
    [
      [-1.0, -0.6],
      [-0.8, 2.6],
    ],
  ],
  [
    'улица Максима Горького',
    'tertiary',
    'municipal',
    [
      [-1.5, -0.5],
      [-1.3, 2.2],
    ],
  ],
  [
    'улица Цвиллинга',
    'residential',
    'municipal',
    [
      [-2.1, -0.6],
      [-1.9, 1.6],
    ],
  ],
  [
    'Рыбаковская улица',
    'tertiary',
    'municipal',
    [
      [2.0, 0.5],
      [2.4, 3.2],
    ],
  ],
  [
    'Илекская улица',
    'tertiary',
    'municipal',
    [
      [-3.6, -1.2],
      [-3.3, 2.4],
    ],
  ],
  [
    'проспект Дзержинского',
    'secondary',
    'municipal',
    [
      [-0.3, 5.0],
      [0.3, 10.2],
    ],
  ],
  [
    'улица Гая',
    'tertiary',
    'municipal',
    [
      [5.9, 0.6],
      [6.3, 5.6],
    ],
  ],
  [
    'Луговая улица',
    'tertiary',
    'municipal',
    [
      [10.0, 0.3],
      [10.4, 5.8],
    ],
  ],
  [
    'Восточная улица',
    'residential',
    'municipal',
    [
      [11.0, 4.8],
      [11.2, 8.0],
    ],
  ],
  [
    'Волгоградская улица',
    'tertiary',
    'municipal',
    [
      [-4.5, 11.3],
      [1.0, 11.9],
    ],
  ],
  [
    'Лесозащитная улица',
    'residential',
    'municipal',
    [
      [-11.0, 8.8],
      [-7.8, 9.2],
    ],
  ],
  [
    'улица Ногина',
    'tertiary',
    'municipal',
    [
      [-7.6, 1.2],
      [-3.8, 1.8],
    ],
  ],
  [
    'улица Мира',
    'tertiary',
    'municipal',
    [
      [-10.8, 2.6],
      [-6.6, 3.1],
    ],
  ],
  [
    'улица Ткачёва',
    'tertiary',
    'municipal',
    [
      [5.0, 2.2],
      [9.8, 2.9],
    ],
  ],
  [
    'Хабаровская улица',
    'residential',
    'municipal',
    [
      [-10.2, -0.6],
      [-9.8, 4.2],
    ],
  ],
  [
    'Полигонная улица',
    'residential',
    'municipal',
    [
      [-11.5, 5.0],
      [-11.2, 7.8],
    ],
  ],
  [
    'Самолётная улица',
    'tertiary',
    'municipal',
    [
      [2.0, 11.0],
      [8.0, 10.6],
    ],
  ],
  [
    'Пойменная улица',
    'residential',
    'municipal',
    [
      [-2.8, -2.0],
      [3.0, -2.2],
    ],
  ],
  [
    'Липовая улица',
    'residential',
    'municipal',
    [
      [-8.0, -4.4],
      [-3.5, -4.8],
    ],
  ],
];

/** The streets of the plan, in a fixed order (segment ids follow it). */
export const ORENBURG_STREETS: readonly StreetSpec[] = ROWS.map(([name, roadClass, owner, line]) => ({
  name,
  roadClass,
  owner,
  line,
}));

/**
 * Outline of the city okrug in the same km frame: about 28×20 km, drawn with at least ~700 m of margin around every
 * street so that jittered roads and appeals placed beside them stay inside.
 */
export const ORENBURG_OUTLINE_KM: readonly Km[] = [
  [-13.5, -5.5],
  [-6, -7.5],
  [0, -5],
  [7, -4.5],
  [13.5, -1],
  [14, 6],
  [9, 12],
  [0, 13],
  [-8, 12.5],
  [-13.5, 7],
  [-14.5, 1],
];

/**
 * The built-up part of the city, where the side-street grid is drawn: inside the okrug outline with ~1 km to spare,
 * so that every street and the appeals beside it stay in the city.
 */
export const ORENBURG_BUILT_UP_KM: readonly Km[] = [
  [-11.5, -2.6],
  [-5, -3.2],
  [0, -2.7],
  [6, -2],
  [11.2, -0.6],
  [11.8, 5.5],
  [8.4, 10.6],
  [0, 11.8],
  [-7.5, 11.4],
  [-11.8, 7.4],
  [-12.6, 1],
];

/**
 * The words of Russian addresses, as residents and registers write them (after lower-casing, ё→е and splitting on
 * dots, so "пр." is "пр" and "р-н" keeps its hyphen).
 */

/** Street types: canonical short form → every spelling we accept. */
const STREET_TYPE_SPELLINGS: Record<string, readonly string[]> = {
  ул: ['ул', 'улица', 'ул-ца', 'улиц'],
  'пр-кт': ['пр-кт', 'пр-т', 'прт', 'пркт', 'просп', 'проспект', 'пр'],
  пер: ['пер', 'переулок', 'пер-к', 'п-к'],
  'б-р': ['б-р', 'бульвар', 'бул', 'бульв'],
  ш: ['ш', 'шоссе', 'ш-се'],
  пл: ['пл', 'площадь', 'пл-дь'],
  наб: ['наб', 'набережная', 'наб-я'],
  мкр: ['мкр', 'мкрн', 'мкр-н', 'мк-н', 'м-н', 'микрорайон', 'мкрн-н'],
  'пр-д': ['пр-д', 'проезд', 'пр-зд', 'прд'],
  туп: ['туп', 'тупик'],
  ал: ['ал', 'аллея'],
  'кв-л': ['кв-л', 'квартал'],
  тракт: ['тракт'],
  линия: ['линия', 'лин'],
  спуск: ['спуск'],
  проулок: ['проулок'],
  тер: ['тер', 'территория'],
  сквер: ['сквер'],
  дор: ['дор', 'дорога'],
};

export const STREET_TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries(STREET_TYPE_SPELLINGS).flatMap(([canon, spellings]) => spellings.map((s) => [s, canon] as const)),
);

/**
 * Types that are also ordinary street names ("Набережная улица", "Линейная", "Сквер"): they count as the type only
 * when no other type word is present and a name is left over.
 */
export const WEAK_STREET_TYPES: ReadonlySet<string> = new Set([
  'наб',
  'линия',
  'тракт',
  'ал',
  'спуск',
  'сквер',
  'тер',
  'кв-л',
  'дор',
]);

/** Types that name an area rather than a street: a later part of the address may name the street in it. */
export const AREA_TYPES: ReadonlySet<string> = new Set(['тер', 'мкр', 'кв-л']);

/** The full word of each canonical type, for display ("Садовая ул" reads badly). */
export const STREET_TYPE_WORD: Record<string, string> = {
  ул: 'улица',
  'пр-кт': 'проспект',
  пер: 'переулок',
  'б-р': 'бульвар',
  ш: 'шоссе',
  пл: 'площадь',
  наб: 'набережная',
  мкр: 'микрорайон',
  'пр-д': 'проезд',
  туп: 'тупик',
  ал: 'аллея',
  'кв-л': 'квартал',
  тракт: 'тракт',
  линия: 'линия',
  спуск: 'спуск',
  проулок: 'проулок',
  тер: 'территория',
  сквер: 'сквер',
  дор: 'дорога',
};

/** Settlement types written before (sometimes after) the name: "г. Оренбург", "п. Саракташ", "Оренбург г". */
export const LOCALITY_TYPES: ReadonlySet<string> = new Set([
  'г',
  'город',
  'гор',
  'п',
  'пос',
  'поселок',
  'пгт',
  'с',
  'село',
  'д',
  'дер',
  'деревня',
  'х',
  'хут',
  'хутор',
  'ст-ца',
  'станица',
  'рп',
  'р-п',
  'аул',
  'нп',
  'снт',
  'ст',
  'станция',
  'сл',
  'слобода',
  'кп',
  'местечко',
]);

/** Words that mark a region part ("Оренбургская обл."), dropped with the part. */
export const REGION_MARKERS: ReadonlySet<string> = new Set([
  'обл',
  'область',
  'край',
  'респ',
  'республика',
  'ао',
  'автономный',
  'округ',
  'аобл',
]);

/** Words that mark a district or urban okrug part ("Саракташский р-н", "городской округ Оренбург"). */
export const DISTRICT_MARKERS: ReadonlySet<string> = new Set([
  'р-н',
  'район',
  'р-он',
  'мо',
  'го',
  'г-о',
  'муниципальный',
  'городской',
  'мр',
  'м-р',
  'м-н-р',
]);

/** Country names at the start of an address. */
export const COUNTRY_WORDS: ReadonlySet<string> = new Set(['россия', 'рф', 'российская', 'федерация']);

/** Markers of what follows a house: flat, office, entrance, floor: dropped with their value. */
export const UNIT_MARKERS: ReadonlySet<string> = new Set([
  'кв',
  'квартира',
  'оф',
  'офис',
  'пом',
  'помещение',
  'комн',
  'комната',
  'под',
  'подъезд',
  'эт',
  'этаж',
  'парадная',
  'пар',
]);

/** Words before a house number. */
export const HOUSE_MARKERS: ReadonlySet<string> = new Set([
  'д',
  'дом',
  'вл',
  'влд',
  'владение',
  'домовладение',
  'двлд',
]);

/** Building parts after a house number: корпус, строение, литера. */
export const KORPUS_MARKERS: ReadonlySet<string> = new Set(['к', 'корп', 'корпус', 'кор']);
export const BUILDING_MARKERS: ReadonlySet<string> = new Set(['стр', 'строение', 'с']);
export const LETTER_MARKERS: ReadonlySet<string> = new Set(['лит', 'литера', 'литер', 'литеры']);

/**
 * Titles that residents leave out ("ул. Жукова" for "улица Маршала Жукова") and words like "имени": not part of a
 * street's identity.
 */
export const NAME_NOISE: ReadonlySet<string> = new Set([
  'им',
  'имени',
  'маршала',
  'генерала',
  'академика',
  'адмирала',
  'профессора',
  'героя',
  'космонавта',
  'писателя',
  'поэта',
  'композитора',
  'художника',
  // «набережная реки Мойки» is written "наб. Мойки", «набережная канала Грибоедова» "наб. кан. Грибоедова".
  'реки',
  'канала',
  'кан',
]);

/** District names inside St Petersburg street names, spelt out or as initials: «7-я линия В.О.». */
export const DISTRICT_PHRASES: ReadonlyMap<string, string> = new Map([
  ['васильевского острова', 'во'],
  ['петроградской стороны', 'пс'],
]);

/** Free text before an address, dropped from its start: "у дома", "во дворе дома", "адрес:", "по адресу". */
export const LEAD_WORDS: ReadonlySet<string> = new Set([
  'адрес',
  'по',
  'адресу',
  'у',
  'возле',
  'около',
  'рядом',
  'во',
  'дворе',
  'дома',
  'напротив',
  'проблема',
]);

/** Short names of cities: "СПб", "С-Пб", "Питер". */
export const LOCALITY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['спб', 'санкт петербург'],
  ['с пб', 'санкт петербург'],
  ['питер', 'санкт петербург'],
  ['мск', 'москва'],
]);

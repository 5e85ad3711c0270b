/** Made-up author names and social-network handles; combinations are random, not real people. */
import type { Channel } from '../domain/vocab';
import type { Rng } from './rng';

const SURNAMES: readonly string[] = (
  'Иванов Петров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев ' +
  'Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов ' +
  'Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков ' +
  'Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Богданов ' +
  'Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов Денисов Гаврилов Тихонов Казаков Данилов ' +
  'Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Назаров Калинин Исаев Быков Маслов Родионов Лазарев Воронин Климов ' +
  'Пономарёв Голубев Прохоров Наумов Потапов Журавлёв Трофимов Леонов Соболев Ермаков Гончаров Грачёв Котов ' +
  'Ахметов Исмагилов Хабибуллин Галиев Султанов Кужахметов Байгужин Мухаметов Нургалиев Юсупов Сафин Каримов'
).split(' ');

const MALE: readonly string[] = (
  'Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван Михаил Артём Владимир Николай Павел Роман Игорь Олег ' +
  'Виктор Юрий Денис Константин Ринат Руслан Марат Ильдар Тимур Ерлан'
).split(' ');

const FEMALE: readonly string[] = (
  'Елена Ольга Наталья Татьяна Ирина Светлана Мария Анна Екатерина Юлия Анастасия Марина Людмила Галина Оксана ' +
  'Надежда Валентина Дарья Гульнара Алия Айгуль Лилия Динара Ксения'
).split(' ');

const PATRONYMIC_STEMS: readonly string[] = (
  'Александров Сергеев Дмитриев Андреев Алексеев Владимиров Николаев Викторов Иванов Михайлов Петров Юрьев ' +
  'Анатольев Геннадьев Васильев Евгеньев Олегов Игорев Рашидов Маратов'
).split(' ');

const LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

const latin = (s: string): string => [...s.toLowerCase()].map((c) => LATIN[c] ?? c).join('');

/** Feminine surname: Иванов → Иванова; names that do not decline stay as they are. */
const feminine = (surname: string): string => (/(ов|ев|ёв|ин)$/.test(surname) ? `${surname}а` : surname);

interface Person {
  first: string;
  surname: string;
  patronymic: string;
}

function person(rng: Rng): Person {
  const female = rng.chance(0.58);
  const surname = rng.pick(SURNAMES);
  const stem = rng.pick(PATRONYMIC_STEMS);
  return female
    ? { first: rng.pick(FEMALE), surname: feminine(surname), patronymic: `${stem}на` }
    : { first: rng.pick(MALE), surname, patronymic: `${stem}ич` };
}

function handle(p: Person, rng: Rng): string {
  const u = rng.next();
  if (u < 0.35) return `${latin(p.first)}.${latin(p.surname)}`;
  if (u < 0.6) return `${latin(p.surname)}_${rng.pick(['orb', '56', 'oren', 'ural'])}`;
  if (u < 0.85) return `${latin(p.first)}${rng.int(1960, 2006)}`;
  return `${latin(p.first)[0] ?? 'x'}${latin(p.surname)}${rng.int(1, 99)}`;
}

/** An author in the style of the channel: VK display names and ids, portal full names, Telegram handles. */
export function author(channel: Channel, rng: Rng): string {
  const p = person(rng);
  const initials = `${p.first[0] ?? ''}. ${p.patronymic[0] ?? ''}.`;
  const u = rng.next();
  switch (channel) {
    case 'social':
      if (u < 0.45) return `${p.first} ${p.surname}`;
      if (u < 0.7) return `id${rng.int(100_000_000, 899_999_999)}`;
      return handle(p, rng);
    case 'bot':
      return u < 0.55 ? `@${handle(p, rng)}` : p.first;
    case 'hotline':
      return u < 0.15 ? 'Аноним' : `${p.surname} ${initials}`;
    default:
      if (u < 0.5) return `${p.surname} ${p.first}`;
      if (u < 0.8) return `${p.surname} ${p.first} ${p.patronymic}`;
      return `${p.surname} ${initials}`;
  }
}

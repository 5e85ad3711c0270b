/** Thank-you wording by topic; same tokens and month weights (January first) as the complaints. */
import type { Topic } from '../domain/vocab';
import type { Subtopic } from './texts-complaints';

const ANY = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] as const;
const WINTER = [2, 2, 1, 0.1, 0, 0, 0, 0, 0, 0, 0.5, 1.5] as const;
const SUMMER = [0, 0, 0.2, 1, 1.5, 1.5, 1.5, 1.5, 1, 0.3, 0, 0] as const;
const HEATING = [1, 0.8, 0.5, 0.2, 0, 0, 0, 0, 0.5, 2, 1.5, 1] as const;

/** Thank-you templates; the topic is what the resident thanks for. */
export const GRATITUDE: Record<Topic, readonly Subtopic[]> = {
  roads: [
    { months: ANY, templates: ['Спасибо за оперативный ремонт дороги {at}!', 'Благодарю администрацию: ямы {at} заделали за два дня'] },
    { months: SUMMER, templates: ['Наконец-то отремонтировали дорогу {at}, ездить одно удовольствие. Спасибо!'] },
    { months: WINTER, templates: ['Спасибо, дорогу {at} расчистили от снега сразу после обращения'] },
  ],
  housing: [
    { months: ANY, templates: ['Благодарим аварийную службу за быстрое устранение порыва {at}', 'Горячую воду включили, спасибо за помощь', 'Спасибо управляющей компании: лифт {at} починили за день'] },
    { months: HEATING, templates: ['Спасибо, отопление дали, в квартире тепло. {addr}'] },
  ],
  improvement: [
    { months: ANY, templates: ['Фонари {at} починили, спасибо!'] },
    { months: WINTER, templates: ['Двор {at} расчистили от снега, большое спасибо'] },
    { months: SUMMER, templates: ['Спасибо за новую детскую площадку во дворе {at}!', 'Спасибо за покос травы и уборку двора {at}'] },
  ],
  health: [{ months: ANY, templates: [
    'Огромное спасибо врачам поликлиники на {street} за внимательное отношение',
    'Спасибо, после обращения сразу записали к врачу',
    'Благодарю скорую помощь за быстрый приезд',
  ] }],
  transport: [{ months: ANY, templates: [
    'Спасибо за дополнительный рейс автобуса № {route}!',
    'Остановку {at} вернули, спасибо, что услышали',
    'Автобусы № {route} стали ходить по расписанию, спасибо',
  ] }],
  waste: [{ months: ANY, templates: [
    'Мусор {at} вывезли в тот же день, спасибо!',
    'Спасибо за новые контейнеры на площадке {at}',
    'Свалку {at} убрали, благодарим',
  ] }],
  covid: [{ months: ANY, templates: [
    'Спасибо за мобильный пункт вакцинации на {street}, быстро и без очереди',
    'Привились всей семьёй, спасибо медикам',
    'Сертификат о вакцинации пришёл, спасибо за помощь',
  ] }],
  education: [{ months: ANY, templates: ['Спасибо, ребёнку дали место в детском саду', 'В школе на {street} стало тепло, спасибо за оперативность'] }],
  energy: [{ months: ANY, templates: ['Свет {at} дали через час после обращения, спасибо!', 'Спасибо энергетикам за быстрый ремонт линии'] }],
  social: [{ months: ANY, templates: ['Спасибо соцзащите, пособие назначили', 'Благодарю за помощь маме, соцработник приходит регулярно'] }],
  other: [{ months: ANY, templates: ['Спасибо за быстрый ответ и решение вопроса', 'Собак {at} отловили, спасибо', 'Спасибо, что разобрались'] }],
};

import { describe, expect, it } from 'vitest';
import { mayReadContacts } from '../../lib/auth/policy';
import { redactContacts } from '../../lib/privacy/redact';

const PHONE = '[телефон скрыт]';
const EMAIL = '[e-mail скрыт]';
const PROFILE = '[профиль скрыт]';

/** Appeal texts as citizens write them, and what a role without contacts must read. Written out by hand. */
const CASES: [string, string][] = [
  ['Звоните +7 (912) 345-67-89, Иван', `Звоните ${PHONE}, Иван`],
  ['мой номер 89123456789', `мой номер ${PHONE}`],
  ['тел 8-912-345-67-89 или +79123456789', `тел ${PHONE} или ${PHONE}`],
  ['Приёмная: 8 (3532) 77-12-34, доб. 5', `Приёмная: ${PHONE}, доб. 5`],
  ['тел. 77-12-34', `тел. ${PHONE}`],
  ['Тел.: 77-12-34, 77-56-78', `Тел.: ${PHONE}, ${PHONE}`],
  ['телефон 771234 (вечером)', `телефон ${PHONE} (вечером)`],
  ['+7 912 345 67 89 и 8.912.345.67.89 и 8(912)3456789', `${PHONE} и ${PHONE} и ${PHONE}`],
  ['Номер 7 912 345-67-89, запасной 912-345-67-90', `Номер ${PHONE}, запасной ${PHONE}`],
  ['горячая линия 8 800 555-35-35', `горячая линия ${PHONE}`],
  ['тел.8(35352)2-12-34, тел.89123456789', `тел.${PHONE}, тел.${PHONE}`],
  ['(3532) 77-12-34 — диспетчер', `${PHONE} — диспетчер`],
  ['Пишите ivan.petrov-85@mail.ru или на почта@мэрия.рф', `Пишите ${EMAIL} или на ${EMAIL}`],
  ['e-mail: A.Sidorova+zhkh@Yandex.RU, тел. 89221112233', `e-mail: ${EMAIL}, тел. ${PHONE}`],
  ['Страница https://vk.com/id12345678 и vk.com/ivan_petrov', `Страница ${PROFILE} и ${PROFILE}`],
  ['Пишите в t.me/ivan_orb или @ivan_orb56', `Пишите в ${PROFILE} или ${PROFILE}`],
  ['ok.ru/profile/5800123 и www.instagram.com/yama.orenburg/', `${PROFILE} и ${PROFILE}`],
  ['facebook.com/ivan.petrov, wa.me/79123456789', `${PROFILE}, ${PROFILE}`],
  ['Пост: https://vk.com/wall-12345_678?w=wall1. Почта: ivan(at)mail.ru', `Пост: ${PROFILE}. Почта: ${EMAIL}`],
  // Numbers that are not phones stay as they are.
  ['Яма у дома 12, кв. 45, с 2024-05-01 не ремонтируют', 'Яма у дома 12, кв. 45, с 2024-05-01 не ремонтируют'],
  ['индекс 460000, г. Оренбург, ул. Ленина 15/3', 'индекс 460000, г. Оренбург, ул. Ленина 15/3'],
  ['с 01.05.2024 по 15.06.2024 в 8.00 нет воды', 'с 01.05.2024 по 15.06.2024 в 8.00 нет воды'],
  ['Дома 8, 9, 10 по ул. Чкалова без света с 8 до 17 часов', 'Дома 8, 9, 10 по ул. Чкалова без света с 8 до 17 часов'],
  [
    'Заявка № 1234 от 12.03.2025, кадастровый 56:44:0101001:123',
    'Заявка № 1234 от 12.03.2025, кадастровый 56:44:0101001:123',
  ],
  [
    'ямы 2 м × 1,5 м, глубина 15 см, 300 000 руб. выделено в 2023 г.',
    'ямы 2 м × 1,5 м, глубина 15 см, 300 000 руб. выделено в 2023 г.',
  ],
  ['пр-т Победы 158/1, подъезд 3, этаж 7', 'пр-т Победы 158/1, подъезд 3, этаж 7'],
  [
    'ул. 8 Марта 12, 2-й подъезд, жильцу 89 лет, т.е. 5 лет ждём',
    'ул. 8 Марта 12, 2-й подъезд, жильцу 89 лет, т.е. 5 лет ждём',
  ],
  ['смета 8 000 000 руб., освоено 7 500 000 руб.', 'смета 8 000 000 руб., освоено 7 500 000 руб.'],
  [
    'Спасибо дорожникам! Трасса Р-239, км 12+300 отремонтирована',
    'Спасибо дорожникам! Трасса Р-239, км 12+300 отремонтирована',
  ],
  ['ИНН 5610012345, ОГРН 1025600000000', 'ИНН 5610012345, ОГРН 1025600000000'],
];

describe('redactContacts', () => {
  it.each(CASES)('%s', (input, expected) => {
    expect(redactContacts(input)).toBe(expected);
  });

  it('removes every phone of a long text, not only the first', () => {
    const text = Array.from({ length: 12 }, (_, i) => `сосед ${i}: 8 (912) 345-67-${String(10 + i)}`).join('; ');
    const out = redactContacts(text);
    expect(out.match(/\[телефон скрыт\]/g)).toHaveLength(12);
    expect(out).not.toMatch(/345/);
  });

  it('keeps null and text without contacts', () => {
    expect(redactContacts(null)).toBeNull();
    expect(redactContacts('')).toBe('');
  });
});

describe('mayReadContacts', () => {
  it('only admins read contacts; analysts, road agencies, bots and anonymous clients do not', () => {
    expect(mayReadContacts('admin')).toBe(true);
    for (const r of ['analyst', 'road_agency', 'bot', null] as const) expect(mayReadContacts(r)).toBe(false);
  });
});

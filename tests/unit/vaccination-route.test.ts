import { describe, expect, it } from 'vitest';
import { dictionary as vaccinationDictionary } from '../../lib/i18n/vaccination';
import { booking, routeLinks } from '../../lib/points/route';

describe('vaccination point: route, booking, freshness words', () => {
  it('links a route in Yandex Maps and 2GIS to the point (Yandex takes lat,lon; 2GIS lon,lat)', () => {
    expect(routeLinks(51.7682, 55.0968)).toEqual({
      yandex: 'https://yandex.ru/maps/?rtext=~51.768200,55.096800&rtt=auto',
      twoGis: 'https://2gis.ru/routeSearch/rsType/car/to/55.096800,51.768200',
    });
  });

  it('says one thing about booking', () => {
    expect([
      booking(true, true),
      booking(true, false),
      booking(false, true),
      booking(false, false),
      booking(null, null),
    ]).toEqual(['either', 'walkIn', 'appointments', null, null]);
    const t = vaccinationDictionary('ru');
    expect(t.flags.either).toBe('без записи или по записи');
  });

  it('says how fresh the data is in words a citizen reads', () => {
    const t = vaccinationDictionary('ru');
    expect([0, 1, 2, 3, 5, 11, 21, 22, 25].map((n) => t.freshness.verified(n))).toEqual([
      'Проверено сегодня',
      'Проверено вчера',
      'Проверено 2 дня назад',
      'Проверено 3 дня назад',
      'Проверено 5 дней назад',
      'Проверено 11 дней назад',
      'Проверено 21 день назад',
      'Проверено 22 дня назад',
      'Проверено 25 дней назад',
    ]);
    expect(t.freshness.stale).toBe('Данные могли устареть — позвоните');
  });
});

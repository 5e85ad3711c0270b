import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeLocality, parseAddress, parseHouse, parseStreet } from '../../lib/enrich/geocode/normalize';

interface Case {
  in: string;
  locality: string | null;
  type?: string;
  core?: string;
  street?: null;
  house: string | null;
}
const cases = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../fixtures/address_normalize.json'), 'utf8'),
) as Case[];

describe('parseAddress (fixtures: tests/fixtures/address_normalize.json)', () => {
  it.each(cases.map((c) => [c.in, c] as const))('%s', (_, c) => {
    const p = parseAddress(c.in);
    expect(p.locality).toBe(c.locality);
    if (c.street === null) expect(p.street).toBeNull();
    else expect(p.street).toEqual({ type: c.type, core: c.core });
    expect(p.house?.key ?? null).toBe(c.house);
  });
});

describe('known localities', () => {
  const known = new Set(['оренбург', 'нижний новгород']);
  it('split a comma-less address into town and street', () => {
    expect(parseAddress('Оренбург Чкалова 32', { knownLocalities: known })).toMatchObject({
      locality: 'оренбург',
      street: { core: 'чкалова' },
    });
    expect(parseAddress('Нижний Новгород Покровская 3', { knownLocalities: known })).toMatchObject({
      locality: 'нижний новгород',
      street: { core: 'покровская' },
    });
  });
  it('without them the word stays in the street name', () => {
    expect(parseAddress('Оренбург Чкалова 32')).toMatchObject({ locality: null, street: { core: 'оренбург чкалова' } });
  });
});

describe('fields on their own', () => {
  it.each([
    ['12', 12, '12'],
    ['д. 12А', 12, '12а'],
    ['12 корп. 2', 12, '12к2'],
    ['114/2', 114, '114/2'],
    ['7 к2', 7, '7к2'],
  ] as const)('house %s', (raw, num, key) => {
    expect(parseHouse(raw)).toEqual({ num, key });
  });
  it.each(['б/н', 'корпус', '', 'ул. Чкалова'])('not a house: %j', (raw) => {
    expect(parseHouse(raw)).toBeNull();
  });
  it('streets in register order and type-first order are the same key', () => {
    expect(parseStreet('Салмышская улица')).toEqual(parseStreet('ул. Салмышская'));
    expect(parseStreet('улица Маршала Жукова')).toEqual({ type: 'ул', core: 'жукова' });
    expect(parseStreet('Маркшала Жукова')).toEqual({ type: '', core: 'жукова' }); // a typo in the title still drops it
  });
  it('localities lose their type and region', () => {
    expect(normalizeLocality('г. Соль-Илецк')).toBe('соль илецк');
    expect(normalizeLocality('Оренбургская обл., г Орск')).toBe('орск');
    expect(normalizeLocality('ЧЕЛЯБИНСК')).toBe('челябинск');
    expect(normalizeLocality('пос. Саракташ')).toBe('саракташ');
  });
});

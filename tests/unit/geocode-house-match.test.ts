import { describe, expect, it } from 'vitest';
import { bestHouse, houseKeyFactor, keyParts, LETTER } from '../../lib/enrich/geocode/houseMatch';
import { parseAddress, parseHouse } from '../../lib/enrich/geocode/normalize';

/* St Petersburg's official grammar (issue 26): which of a number's buildings a written house means. */
const at = (key: string, lat = 59.9, lon = 30.3) => ({ key, lat, lon, text: key });
const FAR = 59.9 + 0.002; // ≈ 220 m north
const keyOf = (s: string) => parseHouse(s)!.key;

describe('house keys in the official grammar', () => {
  it.each([
    ['дом 46, корпус 1, литера А', '46к1ла'],
    ['дом 12а, литера Б', '12алб'],
    ['дом 35-37, литера А', '35-37ла'],
    ['дом 16-18/6', '16-18/6'],
    ['дом 21, корпус 2, литера Я', '21к2ля'],
    ['дом 12, литера ВО', '12лво'],
    ['дом 2, литера Г6', '2лг6'],
    ['46к1', '46к1'],
    ['3к1с1', '3к1с1'],
    ['д. 11а А', '11ала'],
    ['12 лит. А', '12ла'],
  ])('%s → %s', (raw, key) => {
    expect(keyOf(raw)).toBe(key);
  });

  it('keys read back into their parts', () => {
    expect(keyParts('46к1ла')).toEqual({ range: '', frac: '', korpus: '1', building: '', glued: '', litera: 'а' });
    expect(keyParts('16-18/6')).toEqual({ range: '-18', frac: '6', korpus: '', building: '', glued: '', litera: '' });
    expect(keyParts('22/12а')).toMatchObject({ frac: '12', glued: 'а' });
  });
});

describe('the building a written house means', () => {
  it('"46к1" is корпус 1, литера А, not корпус 2', () => {
    expect(bestHouse('46к1', [at('46к1ла'), at('46к2ла', FAR)])).toEqual({
      entry: at('46к1ла'),
      factor: LETTER.mainUnwritten,
    });
  });

  it('"4а" is «дом 4а», not «дом 4, литера А»; "4б" is «дом 4, литера Б»', () => {
    expect(bestHouse('4а', [at('4ла'), at('4ала', FAR)])!.entry.key).toBe('4ала');
    expect(bestHouse('4б', [at('4ла'), at('4лб', FAR)])).toMatchObject({
      entry: { key: '4лб' },
      factor: LETTER.swapped,
    });
  });

  it('"12 лит. А" finds "12А" where the register writes the letter glued', () => {
    expect(bestHouse(keyOf('12 лит. А'), [at('12'), at('12а', FAR)])!.entry.key).toBe('12а');
  });

  it('"22/12А" is «дом 22/12, литера А»', () => {
    expect(bestHouse(keyOf('22/12А'), [at('22/12ла'), at('22ала', FAR)])!.entry.key).toBe('22/12ла');
  });

  it('a литера not written, with another литера 200 m away: the main building, but not confidently', () => {
    const r = bestHouse('37', [at('37ла'), at('37лв', FAR)])!;
    expect(r.entry.key).toBe('37ла');
    expect(r.factor).toBeLessThan(0.8);
    // The same two литеры side by side are one place: no doubt.
    expect(bestHouse('37', [at('37ла'), at('37лв')])!.factor).toBe(LETTER.mainUnwritten);
  });

  it('a корпус not written is a guess; a different корпус is another building', () => {
    const q = keyParts('46')!;
    expect(houseKeyFactor(q, keyParts('46к1ла')!)).toBeLessThan(0.8);
    expect(houseKeyFactor(keyParts('46к1')!, keyParts('46к2ла')!)).toBeLessThan(0.5);
    expect(houseKeyFactor(keyParts('46к1')!, keyParts('46с1ла')!)).toBeGreaterThan(0.8); // "к1" for «строение 1»
  });
});

describe('St Petersburg streets and free text', () => {
  const known = new Set(['санкт петербург', 'пушкин']);
  it.each([
    ['СПб, Большой пр. В.О., д. 10', 'санкт петербург', 'большой во', 'пр-кт', '10'],
    ['Большой П.С., 41б', null, 'большой пс', '', '41б'],
    ['С-Пб, 7-я линия ВО 42', 'санкт петербург', '7 во', 'линия', '42'],
    ['у дома наб. р. Мойки 37', null, 'мойки', 'наб', '37'],
    ['Комендантский 69, 16я парадная', null, 'комендантский', '', '69'],
    ['Санкт-Петербург Малая Охта, ул Казанская, Д. 12', 'санкт петербург малая охта', 'казанская', 'ул', '12'],
    ['п. Шушары, территория Славянка, Ростовская, 13-15', 'шушары', 'ростовская', '', '13-15'],
    ['Кушелевская дорога, 5 к2', null, 'кушелевская', 'дор', '5к2'],
  ])('%s', (raw, locality, core, type, house) => {
    expect(parseAddress(raw, { knownLocalities: known })).toEqual({
      locality,
      street: { core, type },
      house: { num: parseInt(house, 10), key: house },
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  decideStreet,
  MIN_NAME_SCORE,
  nameScore,
  rankStreets,
  type StreetCandidate,
} from '../../lib/enrich/geocode/chooseStreet';
import { editDistance, metresBetween } from '../../lib/enrich/geocode/distance';
import { HOUSE_FACTOR, placeHouse, type HouseEntry } from '../../lib/enrich/geocode/placeHouse';

const street = (id: number, core: string, type = 'ул', sim = 1, locality = 'оренбург'): StreetCandidate => ({
  id,
  locality,
  core,
  type,
  houses: 100 - id,
  sim,
});
const q = (core: string, type = '', localityGiven = true) => ({ core, type, localityGiven });

describe('editDistance', () => {
  it.each([
    ['чкалова', 'чкалова', 0],
    ['чкалова', 'чкалва', 1],
    ['новая', 'нвоая', 1],
    ['новая', 'новоая', 1],
    ['садовая', 'садовый', 2],
    ['ленина', 'кирова', 3],
  ] as const)('%s ↔ %s = %i', (a, b, d) => {
    expect(Math.min(editDistance(a, b, 3), 3)).toBe(d);
  });
});

describe('nameScore', () => {
  it('one typo in a long name is close, in a short one less so', () => {
    expect(nameScore('советскои армии', 'армии советской', 0.5)).toBeLessThan(MIN_NAME_SCORE); // unsorted words: not the same key
    expect(nameScore('космонавтв', 'космонавтов', 0.6)).toBeGreaterThan(0.85);
    expect(nameScore('нвоая', 'новая', 0)).toBeCloseTo(0.7);
    expect(nameScore('гая', 'гоя', 0)).toBeLessThan(MIN_NAME_SCORE);
  });
  it('a name written without its first name matches', () => {
    expect(nameScore('горького', 'горького максима', 0.5)).toBe(0.85);
  });
});

describe('choosing a street', () => {
  it('an exact name wins outright', () => {
    const ranked = rankStreets(q('чкалова', 'ул'), [street(1, 'чкалова'), street(2, 'чкаловский', 'пер', 0.6)]);
    expect(decideStreet(q('чкалова', 'ул'), ranked, [true])).toMatchObject({
      option: { candidate: { id: 1 } },
      confidence: 1,
    });
  });
  it('the written type decides between "ул. Мира" and "пр-т Мира"', () => {
    const cands = [street(1, 'мира', 'ул'), street(2, 'мира', 'пр-кт')];
    const ranked = rankStreets(q('мира', 'пр-кт'), cands);
    expect(ranked[0]!.candidate.id).toBe(2);
    expect(decideStreet(q('мира', 'пр-кт'), ranked, [true, true])!.confidence).toBe(1);
  });
  it('without a type both fit: the answer stays, the confidence goes', () => {
    const cands = [street(1, 'мира', 'ул'), street(2, 'мира', 'пр-кт')];
    const ranked = rankStreets(q('мира'), cands);
    expect(ranked.map((o) => o.candidate.id)).toEqual([1, 2]);
    expect(decideStreet(q('мира'), ranked, [true, true])!.confidence).toBeLessThan(0.6);
  });
  it('…unless only one of them has the written house', () => {
    const cands = [street(1, 'мира', 'ул'), street(2, 'мира', 'пр-кт')];
    const ranked = rankStreets(q('мира'), cands);
    expect(decideStreet(q('мира'), ranked, [false, true])).toMatchObject({
      option: { candidate: { id: 2 } },
      confidence: 0.9,
    });
  });
  it('nothing close enough is no answer', () => {
    expect(rankStreets(q('несуществующая'), [street(1, 'нежинское', 'ш', 0.31)])).toEqual([]);
  });
  it('an address without a locality costs confidence', () => {
    const ranked = rankStreets(q('чкалова', 'ул', false), [street(1, 'чкалова')]);
    expect(decideStreet(q('чкалова', 'ул', false), ranked, [true])!.confidence).toBe(0.95);
  });
});

describe('placing the house', () => {
  const at = (num: number | null, lat: number, text = `${num}`): HouseEntry => ({ num, lat, lon: 55, text });
  const middle = at(null, 51.5, 'middle');
  it('the exact entry', () => {
    expect(placeHouse(12, { exact: at(12, 51.1), below: null, above: null, street: middle })).toMatchObject({
      lat: 51.1,
      factor: HOUSE_FACTOR.exact,
    });
  });
  it('the same number with another letter', () => {
    expect(placeHouse(12, { exact: null, below: at(12, 51.1), above: at(14, 51.2), street: middle }).factor).toBe(
      HOUSE_FACTOR.sameNumber,
    );
  });
  it('between two neighbours on the same side, by number', () => {
    const p = placeHouse(13, { exact: null, below: at(11, 51.0001), above: at(15, 51.0005), street: middle });
    expect(p.lat).toBeCloseTo(51.0003, 6);
    expect(p.factor).toBe(HOUSE_FACTOR.between);
  });
  it('far neighbours or one side only are less sure; no house is the middle of the street', () => {
    expect(placeHouse(13, { exact: null, below: at(11, 51.0), above: at(15, 51.01), street: middle }).factor).toBe(
      HOUSE_FACTOR.betweenFar,
    );
    expect(placeHouse(99, { exact: null, below: at(97, 51.0), above: null, street: middle }).factor).toBe(
      HOUSE_FACTOR.beside,
    );
    expect(placeHouse(199, { exact: null, below: at(97, 51.0), above: null, street: middle }).factor).toBe(
      HOUSE_FACTOR.besideFar,
    );
    expect(placeHouse(null, { exact: null, below: null, above: null, street: middle })).toMatchObject({
      matched: 'middle',
      factor: HOUSE_FACTOR.streetOnly,
    });
  });
  it('metresBetween', () => {
    expect(metresBetween(51, 55, 51.001, 55)).toBeCloseTo(111.2, 0);
  });
});

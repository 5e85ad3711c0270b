import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  effectivePeriod,
  mondayOf,
  parseMapState,
  roundView,
  serializeMapState,
  weekPeriod,
  weeksOf,
  type MapUrlState,
} from '../../lib/render/urlState';

const ORENBURG_CELL = '872126972ffffff';

describe('parseMapState', () => {
  it('gives the defaults for an empty query', () => {
    expect(parseMapState('')).toEqual(DEFAULT_STATE);
    expect(parseMapState('?')).toEqual(DEFAULT_STATE);
    expect(DEFAULT_STATE.layers).toEqual(['bounds', 'hex', 'points']);
  });

  it('reads every parameter of a full link', () => {
    const s = parseMapState(
      '?topic=roads,housing&channel=pos&status=new,in_progress&from=2025-01-01&to=2025-06-30&municipality=56401' +
        '&gratitude=only&week=2025-03-03&compare=2024-01-01..2024-06-30&layers=hex,heat,roads,vacc' +
        `&cell=${ORENBURG_CELL}&z=9.5&lat=51.7682&lon=55.097`,
    );
    expect(s).toEqual({
      topics: ['roads', 'housing'],
      channels: ['pos'],
      statuses: ['new', 'in_progress'],
      from: '2025-01-01',
      to: '2025-06-30',
      municipality: '56401',
      gratitude: 'only',
      layers: ['hex', 'heat', 'roads', 'vacc'],
      view: { z: 9.5, lat: 51.7682, lon: 55.097 },
      week: '2025-03-03',
      compare: { from: '2024-01-01', to: '2024-06-30' },
      selection: { kind: 'cell', h3: ORENBURG_CELL },
    } satisfies MapUrlState);
  });

  it('drops what it cannot use instead of failing', () => {
    const s = parseMapState(
      'topic=roads,potholes&channel=fax&from=2025-02-30&to=yesterday&gratitude=maybe&week=2025-03-04' +
        '&compare=2024-06-30..2024-01-01&cell=8f212697290d976&z=9&lat=51.7&layers=nonsense',
    );
    expect(s.topics).toEqual(['roads']); // the unknown topic goes, the known one stays
    expect(s.channels).toBeNull(); // only unknown words: no filter rather than an empty map
    expect(s.from).toBeNull(); // February 30th
    expect(s.to).toBeNull();
    expect(s.gratitude).toBe('exclude');
    expect(s.week).toBeNull(); // a Tuesday
    expect(s.compare).toBeNull(); // reversed period
    expect(s.selection).toBeNull(); // resolution 15: finer than the map serves
    expect(s.view).toBeNull(); // no lon
    expect(s.layers).toEqual([]); // an explicit list of nothing known: every layer off
  });

  it('treats a list of every value as no filter and an empty list as nothing', () => {
    expect(parseMapState('status=new,in_progress,answered,closed,rejected').statuses).toBeNull();
    expect(parseMapState('topic=').topics).toEqual([]);
  });

  it('keeps a reversed date range as given (the filter panel says so; no swap) and reads segment and appeal selections', () => {
    const s = parseMapState('from=2025-05-01&to=2025-04-01&segment=42');
    expect([s.from, s.to]).toEqual(['2025-05-01', '2025-04-01']);
    expect(s.selection).toEqual({ kind: 'segment', id: 42 });
    expect(parseMapState('appeal=7').selection).toEqual({ kind: 'appeal', id: 7 });
    expect(parseMapState('appeal=0').selection).toBeNull();
  });
});

describe('serializeMapState', () => {
  it('writes nothing for the defaults', () => {
    expect(serializeMapState(DEFAULT_STATE)).toBe('');
  });

  it('writes parameters in a fixed order with readable commas, in vocabulary order', () => {
    const q = serializeMapState({
      ...DEFAULT_STATE,
      topics: ['housing', 'roads'],
      statuses: ['closed', 'new'],
      from: '2025-01-01',
      gratitude: 'include',
      layers: ['vacc', 'hex', 'bounds'],
      compare: { from: '2024-01-01', to: '2024-03-31' },
      selection: { kind: 'cell', h3: ORENBURG_CELL },
      view: { z: 7.123456, lat: 51.7682349, lon: 55.0970001 },
    });
    expect(q).toBe(
      'topic=roads,housing&status=new,closed&from=2025-01-01&gratitude=include&compare=2024-01-01..2024-03-31' +
        `&layers=bounds,hex,vacc&cell=${ORENBURG_CELL}&z=7.12&lat=51.76823&lon=55.097`,
    );
  });

  it('writes an empty topic list so that "nothing selected" survives a reload', () => {
    expect(serializeMapState({ ...DEFAULT_STATE, topics: [] })).toBe('topic=');
    expect(serializeMapState({ ...DEFAULT_STATE, layers: [] })).toBe('layers=');
  });

  it('round-trips', () => {
    const links = [
      'topic=roads&channel=pos,bot&from=2025-01-01&to=2025-12-31&municipality=56401&week=2025-06-02&layers=hex,heat',
      `gratitude=only&compare=2024-01-01..2024-12-31&segment=15&z=12&lat=51.5&lon=55.25`,
      `status=answered&cell=${ORENBURG_CELL}`,
    ];
    for (const link of links) expect(serializeMapState(parseMapState(link))).toBe(link);
  });
});

describe('roundView', () => {
  it('keeps a view at the precision the URL writes, never zooming in', () => {
    expect(roundView({ z: 6.789, lat: 51.7682349, lon: 55.0970051 })).toEqual({
      z: 6.78,
      lat: 51.76823,
      lon: 55.09701,
    });
    expect(roundView({ z: 7, lat: 0, lon: -180 })).toEqual({ z: 7, lat: 0, lon: -180 });
  });
});

describe('weeks for the time slider', () => {
  it('finds the Monday of any day', () => {
    expect(mondayOf('2025-03-03')).toBe('2025-03-03'); // a Monday
    expect(mondayOf('2025-03-09')).toBe('2025-03-03'); // the Sunday after
    expect(mondayOf('2025-01-01')).toBe('2024-12-30'); // across a year
  });

  it('lists the weeks that overlap a range', () => {
    expect(weeksOf('2025-02-26', '2025-03-17')).toEqual(['2025-02-24', '2025-03-03', '2025-03-10', '2025-03-17']);
    expect(weeksOf('2025-03-10', '2025-03-01')).toEqual([]);
    expect(weeksOf('2025-01-01', '2025-12-31', 3)).toEqual(['2025-12-15', '2025-12-22', '2025-12-29']);
  });

  it('turns the slider week into the shown period', () => {
    expect(weekPeriod('2024-02-26')).toEqual({ from: '2024-02-26', to: '2024-03-03' }); // leap year
    expect(effectivePeriod({ week: '2025-03-03', from: '2025-01-01', to: null })).toEqual({
      from: '2025-03-03',
      to: '2025-03-09',
    });
    // The slider stays inside the chosen period: the first and last weeks are cut at its ends.
    expect(effectivePeriod({ week: '2024-12-30', from: '2025-01-01', to: '2025-03-31' })).toEqual({
      from: '2025-01-01',
      to: '2025-01-05',
    });
    expect(effectivePeriod({ week: '2025-03-31', from: '2025-01-01', to: '2025-04-02' })).toEqual({
      from: '2025-03-31',
      to: '2025-04-02',
    });
    expect(effectivePeriod({ week: null, from: '2025-01-01', to: null })).toEqual({ from: '2025-01-01', to: null });
  });
});

import { describe, expect, it } from 'vitest';
import { filterParams, listSearch, parseListQuery } from '../../lib/domain/appealListQuery';

describe('/appeals page query', () => {
  it('reads the map filters from a GET form (repeated checkboxes, empty fields left out), the sort and the page size', () => {
    const s = parseListQuery({
      channel: ['pos', 'social'],
      status: 'new',
      municipality: 'orb',
      from: '2025-01-01',
      to: '',
      topic: '',
      sort: 'status',
      page: '3',
      page_size: '100',
      doubt: 'only',
      gratitude: 'include',
    });
    expect(s.filter).toEqual({
      channel: ['pos', 'social'],
      status: ['new'],
      municipality: 'orb',
      from: '2025-01-01',
      gratitude: 'include',
    });
    expect([s.sort, s.page, s.pageSize, s.doubtOnly, s.invalid]).toEqual(['status', 3, 100, true, null]);
  });

  it('falls back on defaults for an unknown sort or page size and reports a filter it cannot read', () => {
    const s = parseListQuery({ sort: 'id; drop table', page_size: '7', page: '-2', channel: 'fax' });
    expect([s.sort, s.pageSize, s.page]).toEqual(['new', 50, 1]);
    expect(s.filter).toEqual({ gratitude: 'exclude' });
    expect(s.invalid).toMatch(/^Канал: допустимые значения — /);
  });

  it('a reversed period is said (the one rule), not swapped', () => {
    const s = parseListQuery({ from: '2025-05-01', to: '2025-04-01' });
    expect(s.invalid).toBe('Конец периода раньше начала');
    expect(s.filter).toEqual({ gratitude: 'exclude' });
    expect(parseListQuery({ from: '2025-05-01', to: '2025-05-01' }).invalid).toBeNull();
  });

  it('writes the same filter for the pages and the exports, lists comma-joined, defaults left out', () => {
    const s = parseListQuery({
      topic: ['roads', 'housing'],
      to: '2025-06-30',
      sort: 'old',
      page_size: '25',
      gratitude: 'include',
    });
    expect(filterParams(s.filter).toString()).toBe('topic=roads%2Chousing&to=2025-06-30&gratitude=include');
    expect(listSearch(s, { page: 4 })).toBe(
      'topic=roads%2Chousing&to=2025-06-30&gratitude=include&sort=old&page_size=25&page=4',
    );
    expect(listSearch({ ...s, sort: 'new', pageSize: 50 })).toBe(
      'topic=roads%2Chousing&to=2025-06-30&gratitude=include',
    );
  });
});

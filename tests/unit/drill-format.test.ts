import { describe, expect, it } from 'vitest';
import { appealFilterSchema } from '../../lib/domain/filters';
import { changeText, drillText } from '../../lib/i18n/drill';
import { appealFilterParams } from '../../lib/render/appealFilterQuery';

describe('appealFilterParams', () => {
  it('writes the shared filter in a stable order that the API schema reads back', () => {
    const f = appealFilterSchema.parse({
      topic: 'roads,housing',
      status: 'new',
      from: '2026-10-01',
      to: '2026-10-07',
      municipality: '56-01',
      gratitude: 'exclude',
    });
    const p = appealFilterParams(f, { format: 'xlsx' });
    expect(p.toString()).toBe(
      'topic=roads%2Chousing&status=new&from=2026-10-01&to=2026-10-07&municipality=56-01&gratitude=exclude&format=xlsx',
    );
    p.delete('format');
    expect(appealFilterSchema.parse(Object.fromEntries(p))).toEqual(f);
  });

  it('an empty filter is only the gratitude mode (thanks left out by default)', () => {
    expect(appealFilterParams(appealFilterSchema.parse({})).toString()).toBe('gratitude=exclude');
  });
});

describe('changeText', () => {
  it.each([
    [120, 100, '+20 %'],
    [70, 100, '−30 %'],
    [100, 100, '0 %'],
    [1, 3, '−67 %'],
    [5, 0, 'новое'],
    [0, 0, '—'],
  ])('%i against %i → %s', (now, before, text) => expect(changeText(now, before)).toBe(text));

  it('English second', () => {
    expect(changeText(5, 0, 'en')).toBe('new');
    expect(changeText(150, 100, 'en')).toBe('+50%');
    expect(drillText('en').drill.page(2, 7)).toBe('Page 2 of 7');
    expect(drillText().drill.page(2, 7)).toBe('Страница 2 из 7');
  });
});

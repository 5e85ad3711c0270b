import { describe, expect, it } from 'vitest';
import { awaitingGroupingText, groupingStepText } from '../../lib/i18n/grouping';

describe('awaiting-grouping words', () => {
  it('says the Russian count in its form', () => {
    expect(awaitingGroupingText('ru', 1)).toBe('Ещё 1 обращение объединяется в проблемы');
    expect(awaitingGroupingText('ru', 3)).toBe('Ещё 3 обращения объединяются в проблемы');
    expect(awaitingGroupingText('ru', 11)).toBe('Ещё 11 обращений объединяются в проблемы');
    expect(awaitingGroupingText('ru', 21_005, '21 005')).toBe('Ещё 21 005 обращений объединяются в проблемы');
    expect(awaitingGroupingText('en', 2)).toBe('2 more appeals are being grouped into problems');
  });
  it('names the admin step and its state', () => {
    expect(groupingStepText('ru', 25)).toEqual({
      name: 'Объединение в проблемы после записи',
      state: 'ждут 25 обращений',
    });
    expect(groupingStepText('ru', 22).state).toBe('ждут 22 обращения');
    expect(groupingStepText('ru', 0).state).toBe('готово');
    expect(groupingStepText('en', 0)).toEqual({ name: 'Grouping into problems after the commit', state: 'done' });
  });
});

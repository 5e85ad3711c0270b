/*
 * How many appeals still await problem grouping after a big import's commit (issue 21), said the same way on the
 * map's panel, in the drill-down, by the export and on the admin import page. Russian first, English second.
 */

export type GroupingLang = 'ru' | 'en';

const PLURAL_RU = new Intl.PluralRules('ru-RU');

/** «Ещё N обращений объединяются в проблемы»; `n` is shown as `shown` (a formatted number) when given. */
export function awaitingGroupingText(lang: GroupingLang, n: number, shown: string = String(n)): string {
  if (lang === 'en') return `${shown} more ${n === 1 ? 'appeal is' : 'appeals are'} being grouped into problems`;
  const form = PLURAL_RU.select(n);
  if (form === 'one') return `Ещё ${shown} обращение объединяется в проблемы`;
  return `Ещё ${shown} ${form === 'few' ? 'обращения' : 'обращений'} объединяются в проблемы`;
}

/** The admin import page's step after the 100 %: its name, then «ждут N обращений» or «готово». */
export function groupingStepText(
  lang: GroupingLang,
  awaiting: number,
  shown: string = String(awaiting),
): { name: string; state: string } {
  if (lang === 'en') {
    return {
      name: 'Grouping into problems after the commit',
      state: awaiting > 0 ? `${shown} ${awaiting === 1 ? 'appeal waits' : 'appeals wait'}` : 'done',
    };
  }
  if (awaiting <= 0) return { name: 'Объединение в проблемы после записи', state: 'готово' };
  const form = PLURAL_RU.select(awaiting);
  const noun = form === 'one' ? 'обращение' : form === 'few' ? 'обращения' : 'обращений';
  return { name: 'Объединение в проблемы после записи', state: `${form === 'one' ? 'ждёт' : 'ждут'} ${shown} ${noun}` };
}

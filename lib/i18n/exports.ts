/**
 * Words of the appeals export (the XLSX sheets; lib/store/exportAppeals.ts). Column headers stay the CSV's column
 * names in every format, so a file reads the same in a spreadsheet and in a script.
 */
export const APPEALS_EXPORT_RU = {
  sheet: 'Обращения',
  aboutSheet: 'Фильтр',
  what: ['Выгрузка', 'Обращения (без текста, автора и контактов)'],
  madeAt: 'Сформирована (UTC)',
  rows: 'Строк',
  /** The filter's fields on the "Фильтр" sheet. */
  filter: {
    topic: 'Темы',
    channel: 'Каналы',
    status: 'Статусы',
    from: 'С',
    to: 'По',
    municipality: 'Муниципалитет',
    gratitude: 'Благодарности',
  } as Record<string, string>,
} as const;

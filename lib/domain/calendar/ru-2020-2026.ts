/**
 * The Russian production calendar (производственный календарь, five-day week) for 2020–2026, as data.
 *
 * Sources, per year: the non-working holidays of the Labour Code, art. 112 part 1 (1–6 and 8 January New Year
 * holidays, 7 January, 23 February, 8 March, 1 May, 9 May, 12 June, 4 November); the rule of art. 112 part 2 (a
 * holiday falling on a Saturday or Sunday moves the day off to the next working day, except the January holidays,
 * whose days off the Government moves); and the Government's annual decree «О переносе выходных дней в <год> году»,
 * named per year below with the transfers it makes. No npm package ships this calendar offline with the transferred
 * days (date-holidays, the one kept worldwide-holidays package, lists the art. 112 dates for Russia but no transfers and
 * no worked Saturdays), so it is written here by hand.
 *
 * Each year lists explicitly:
 * - `daysOff`: every Monday-to-Friday that is not worked (holidays, art. 112 part 2 moves, the decree's transfers);
 * - `workedWeekends`: every Saturday or Sunday that is worked (a decree moved its day off elsewhere).
 * Every other Monday-to-Friday is a working day, every other Saturday and Sunday a day off. tests/unit/workdays.test.ts
 * checks each year's count of working days against the official figure.
 *
 * Not included: the non-working days declared by decrees of the President (not the Government's production calendar):
 * 2020-03-30 – 2020-05-08 (Указы № 206, 239, 294), 2020-06-24, 2020-07-01, 2021-05-04 – 2021-05-07 and
 * 2021-10-30 – 2021-11-07. They kept wages but did not change the calendar, and public authorities kept working.
 */
export interface CalendarYear {
  readonly year: number;
  /** The Government decree on transferred days off for the year. */
  readonly decree: string;
  /** The decree's transfers as it lists them: the day off moves from `from` (a weekend day) to `to`. */
  readonly transfers: readonly { readonly from: string; readonly to: string }[];
  /** Mondays to Fridays that are days off. */
  readonly daysOff: readonly string[];
  /** Saturdays and Sundays that are working days. */
  readonly workedWeekends: readonly string[];
}

export const RU_CALENDAR: readonly CalendarYear[] = [
  {
    year: 2020,
    decree: 'Постановление Правительства РФ от 10.07.2019 № 875 «О переносе выходных дней в 2020 году»',
    transfers: [
      { from: '2020-01-04', to: '2020-05-04' },
      { from: '2020-01-05', to: '2020-05-05' },
    ],
    // 23 Feb (Sun) → 24 Feb, 8 Mar (Sun) → 9 Mar, 9 May (Sat) → 11 May by art. 112 part 2.
    daysOff: [
      '2020-01-01',
      '2020-01-02',
      '2020-01-03',
      '2020-01-06',
      '2020-01-07',
      '2020-01-08',
      '2020-02-24',
      '2020-03-09',
      '2020-05-01',
      '2020-05-04',
      '2020-05-05',
      '2020-05-11',
      '2020-06-12',
      '2020-11-04',
    ],
    workedWeekends: [],
  },
  {
    year: 2021,
    decree: 'Постановление Правительства РФ от 10.10.2020 № 1648 «О переносе выходных дней в 2021 году»',
    transfers: [
      { from: '2021-01-02', to: '2021-11-05' },
      { from: '2021-01-03', to: '2021-12-31' },
      { from: '2021-02-20', to: '2021-02-22' },
    ],
    // 1 May (Sat) → 3 May, 9 May (Sun) → 10 May, 12 Jun (Sat) → 14 Jun by art. 112 part 2.
    daysOff: [
      '2021-01-01',
      '2021-01-04',
      '2021-01-05',
      '2021-01-06',
      '2021-01-07',
      '2021-01-08',
      '2021-02-22',
      '2021-02-23',
      '2021-03-08',
      '2021-05-03',
      '2021-05-10',
      '2021-06-14',
      '2021-11-04',
      '2021-11-05',
      '2021-12-31',
    ],
    workedWeekends: ['2021-02-20'],
  },
  {
    year: 2022,
    decree: 'Постановление Правительства РФ от 16.09.2021 № 1564 «О переносе выходных дней в 2022 году»',
    transfers: [
      { from: '2022-01-01', to: '2022-05-03' },
      { from: '2022-01-02', to: '2022-05-10' },
      { from: '2022-03-05', to: '2022-03-07' },
    ],
    // 1 May (Sun) → 2 May, 12 Jun (Sun) → 13 Jun by art. 112 part 2; 8 Jan (Sat) is not moved.
    daysOff: [
      '2022-01-03',
      '2022-01-04',
      '2022-01-05',
      '2022-01-06',
      '2022-01-07',
      '2022-02-23',
      '2022-03-07',
      '2022-03-08',
      '2022-05-02',
      '2022-05-03',
      '2022-05-09',
      '2022-05-10',
      '2022-06-13',
      '2022-11-04',
    ],
    workedWeekends: ['2022-03-05'],
  },
  {
    year: 2023,
    decree: 'Постановление Правительства РФ от 29.08.2022 № 1505 «О переносе выходных дней в 2023 году»',
    transfers: [
      { from: '2023-01-01', to: '2023-02-24' },
      { from: '2023-01-08', to: '2023-05-08' },
    ],
    // 4 Nov (Sat) → 6 Nov by art. 112 part 2; 7 Jan (Sat) is not moved.
    daysOff: [
      '2023-01-02',
      '2023-01-03',
      '2023-01-04',
      '2023-01-05',
      '2023-01-06',
      '2023-02-23',
      '2023-02-24',
      '2023-03-08',
      '2023-05-01',
      '2023-05-08',
      '2023-05-09',
      '2023-06-12',
      '2023-11-06',
    ],
    workedWeekends: [],
  },
  {
    year: 2024,
    decree: 'Постановление Правительства РФ от 10.08.2023 № 1314 «О переносе выходных дней в 2024 году»',
    transfers: [
      { from: '2024-01-06', to: '2024-05-10' },
      { from: '2024-01-07', to: '2024-12-31' },
      { from: '2024-04-27', to: '2024-04-29' },
      { from: '2024-11-02', to: '2024-04-30' },
      { from: '2024-12-28', to: '2024-12-30' },
    ],
    daysOff: [
      '2024-01-01',
      '2024-01-02',
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
      '2024-01-08',
      '2024-02-23',
      '2024-03-08',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-05-09',
      '2024-05-10',
      '2024-06-12',
      '2024-11-04',
      '2024-12-30',
      '2024-12-31',
    ],
    workedWeekends: ['2024-04-27', '2024-11-02', '2024-12-28'],
  },
  {
    year: 2025,
    decree: 'Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»',
    // The decree moves the days off of 23 Feb (Sun) and 8 Mar (Sat) itself, so 24 Feb and 10 Mar are worked.
    transfers: [
      { from: '2025-01-04', to: '2025-05-02' },
      { from: '2025-01-05', to: '2025-12-31' },
      { from: '2025-02-23', to: '2025-05-08' },
      { from: '2025-03-08', to: '2025-06-13' },
      { from: '2025-11-01', to: '2025-11-03' },
    ],
    daysOff: [
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-05-01',
      '2025-05-02',
      '2025-05-08',
      '2025-05-09',
      '2025-06-12',
      '2025-06-13',
      '2025-11-03',
      '2025-11-04',
      '2025-12-31',
    ],
    workedWeekends: ['2025-11-01'],
  },
  {
    year: 2026,
    decree: 'Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»',
    transfers: [
      { from: '2026-01-03', to: '2026-01-09' },
      { from: '2026-01-04', to: '2026-12-31' },
    ],
    // 8 Mar (Sun) → 9 Mar, 9 May (Sat) → 11 May by art. 112 part 2.
    daysOff: [
      '2026-01-01',
      '2026-01-02',
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-01-09',
      '2026-02-23',
      '2026-03-09',
      '2026-05-01',
      '2026-05-11',
      '2026-06-12',
      '2026-11-04',
      '2026-12-31',
    ],
    workedWeekends: [],
  },
];

import { describe, expect, it } from 'vitest';
import { OTPISKA_RULES, OTPISKA_THRESHOLD, otpiskaFlag, scoreAnswer } from '../../lib/enrich/answers/otpiska';

// Each answer below is labelled by hand from the rules in lib/enrich/answers/otpiska.ts: the reasons that fire (in
// rule order: deadline, done, photo, document, nothing_checkable, then the phrases), their weights summed, and the
// verdict at the threshold 2. Weights: date −3, month_or_days −2, year_or_quarter −1, done −2, photo −2,
// document −2, nothing_checkable +2, noted +2, will_consider +2, planned_order +2, funding +2, competence +1,
// under_control +1, instructions +1, vague_time +1, redirected +1.
const cases: [text: string, score: number, verdict: 'otpiska' | 'checkable', reasons: string[]][] = [
  // Nothing checkable: +2 alone already makes an отписка; boilerplate adds to it.
  ['Информация принята к сведению.', 4, 'otpiska', ['nothing_checkable', 'noted']],
  ['Работы будут выполнены в плановом порядке.', 4, 'otpiska', ['nothing_checkable', 'planned_order']],
  ['Ваше обращение будет рассмотрено в установленном порядке.', 4, 'otpiska', ['nothing_checkable', 'will_consider']],
  [
    'В рамках своей компетенции администрация района дала поручение подрядной организации. Вопрос взят на контроль.',
    5,
    'otpiska',
    ['nothing_checkable', 'competence', 'under_control', 'instructions'],
  ],
  ['По мере выделения финансирования работы будут выполнены.', 4, 'otpiska', ['nothing_checkable', 'funding']],
  ['В ближайшее время работы будут выполнены.', 3, 'otpiska', ['nothing_checkable', 'vague_time']],
  [
    'Ваше обращение направлено по компетенции в администрацию Выборгского района.',
    4,
    'otpiska',
    ['nothing_checkable', 'competence', 'redirected'],
  ],
  ['Вопрос находится на контроле администрации района.', 3, 'otpiska', ['nothing_checkable', 'under_control']],
  [
    'В весенний период будет рассмотрена возможность проведения работ.',
    5,
    'otpiska',
    ['nothing_checkable', 'will_consider', 'vague_time'],
  ],
  [
    'Благодарим за активную гражданскую позицию! Ваше обращение передано в профильную организацию.',
    3,
    'otpiska',
    ['nothing_checkable', 'redirected'],
  ],
  // «Проведена проверка» reports an inspection, not the work asked for.
  ['Проверка проведена, нарушений не выявлено.', 2, 'otpiska', ['nothing_checkable']],
  // «не выполнены» is no report of work done.
  ['Работы не выполнены в связи с отсутствием финансирования.', 2, 'otpiska', ['nothing_checkable']],
  ['Ответ будет направлен после проведения проверки.', 2, 'otpiska', ['nothing_checkable']],
  [
    'Даны указания управляющей компании. Информация принята к сведению. Вопрос на контроле.',
    6,
    'otpiska',
    ['nothing_checkable', 'noted', 'under_control', 'instructions'],
  ],
  // The date names the appeal, not a promise: it is removed before the deadline rules (and its number is no document).
  [
    'На Ваше обращение от 18.10.2020 № 12345 сообщаем, что информация принята к сведению.',
    4,
    'otpiska',
    ['nothing_checkable', 'noted'],
  ],
  // A year is a weak promise: boilerplate worth 3 outweighs it (−1 + 2 + 1 = 2).
  [
    'Работы будут выполнены в плановом порядке в весенне-летний период 2021 года.',
    2,
    'otpiska',
    ['year_or_quarter', 'planned_order', 'vague_time'],
  ],

  // Checkable: a date, a month, a period in days, work reported done, a photo, an act.
  ['Уборка территории произведена 12.04.2021, фотоматериалы приложены.', -7, 'checkable', ['date', 'done', 'photo']],
  ['Выполнено.', -2, 'checkable', ['done']],
  ['Дефект устранён.', -2, 'checkable', ['done']],
  ['Составлен акт осмотра, нарушения будут устранены в мае.', -4, 'checkable', ['month_or_days', 'document']],
  ['Информация принята к сведению, работы выполнены 20.04.2021.', -3, 'checkable', ['date', 'done', 'noted']],
  [
    'Направлено предписание управляющей компании со сроком исполнения до 30.04.2021.',
    -5,
    'checkable',
    ['date', 'document'],
  ],
  ['Замена светильника выполнена. Фото прилагается.', -4, 'checkable', ['done', 'photo']],
  [
    'Работы включены в адресную программу на 2021 год и будут выполнены в III квартале.',
    -1,
    'checkable',
    ['year_or_quarter'],
  ],
  ['Срок устранения — 10 рабочих дней.', -2, 'checkable', ['month_or_days']],
  ['Нарушитель привлечён к административной ответственности, составлен протокол № 123.', -2, 'checkable', ['document']],
  // A year with one +2 phrase: −1 + 2 = 1, below the threshold.
  [
    'Вопрос будет рассмотрен при формировании адресной программы на 2022 год.',
    1,
    'checkable',
    ['year_or_quarter', 'will_consider'],
  ],
  ['Проведен ремонт асфальтового покрытия.', -2, 'checkable', ['done']],
  ['Мусор будет вывезен в течение двух недель.', -2, 'checkable', ['month_or_days']],
  ['Работы будут выполнены при наличии финансирования до 01.06.2021.', -1, 'checkable', ['date', 'funding']],
  ['Работы по ремонту кровли запланированы на июнь 2021 года.', -2, 'checkable', ['month_or_days']],
  ['Световая опора восстановлена 5 мая, фотофиксация прилагается.', -7, 'checkable', ['date', 'done', 'photo']],
  [
    'Обращение рассмотрено. Согласно акту комиссионного обследования от 12.03.2021 нарушений не выявлено.',
    -5,
    'checkable',
    ['date', 'document'],
  ],
  ['Мусор вывезли.', -2, 'checkable', ['done']],
];

describe('scoreAnswer: hand-labelled answers', () => {
  it('holds 34 hand-labelled answers, 16 отписки and 18 checkable', () => {
    expect([cases.length, cases.filter((c) => c[2] === 'otpiska').length]).toEqual([34, 16]);
  });

  it.each(cases)('%s → %d, %s', (text, score, verdict, reasons) => {
    const r = scoreAnswer(text);
    expect(r.reasons.map((x) => x.id)).toEqual(reasons);
    expect(r.score).toBe(score);
    expect(r.verdict).toBe(verdict);
  });
});

describe('scoreAnswer: reasons carry Russian labels, weights and the words that fired', () => {
  it('an отписка', () => {
    expect(scoreAnswer('Работы будут выполнены в плановом порядке.').reasons).toEqual([
      {
        id: 'nothing_checkable',
        label: 'ничего проверяемого: нет срока, фото, акта или сведений о выполнении',
        weight: 2,
        evidence: '',
      },
      {
        id: 'planned_order',
        label: '«в плановом порядке» / «в порядке очерёдности»',
        weight: 2,
        evidence: 'в плановом порядке',
      },
    ]);
  });

  it('a checkable answer', () => {
    expect(scoreAnswer('Уборка территории произведена 12.04.2021, фотоматериалы приложены.').reasons).toEqual([
      { id: 'date', label: 'указан срок: дата', weight: -3, evidence: '12.04.2021' },
      { id: 'done', label: 'сообщено о выполнении работ', weight: -2, evidence: 'произведена' },
      { id: 'photo', label: 'приложено фото или материалы', weight: -2, evidence: 'фотоматериалы' },
    ]);
  });

  it('inflected phrases match through stems, with one word between', () => {
    expect(scoreAnswer('Ремонт будет произведен в порядке общей очереди.').reasons.map((r) => r.evidence)).toEqual([
      '',
      'в порядке общей очереди',
    ]);
  });
});

describe('scoreAnswer: no text', () => {
  it.each([[''], ['   '], ['…'], [null], [undefined]])('%j has no verdict', (text) => {
    expect(scoreAnswer(text)).toEqual({ score: 0, verdict: 'no_text', reasons: [] });
  });
});

describe('the rule table', () => {
  it('has the threshold 2 and unique ids with Russian labels', () => {
    expect(OTPISKA_THRESHOLD).toBe(2);
    expect(new Set(OTPISKA_RULES.map((r) => r.id)).size).toBe(OTPISKA_RULES.length);
    for (const r of OTPISKA_RULES) expect(r.label).toMatch(/[а-я]/);
  });
});

describe("otpiskaFlag: the ratings' isOtpiska", () => {
  it('is true for an отписка, false for a checkable answer, null without text', () => {
    expect(otpiskaFlag('Информация принята к сведению.')).toBe(true);
    expect(otpiskaFlag('Выполнено.')).toBe(false);
    expect(otpiskaFlag('')).toBeNull();
    expect(otpiskaFlag(null)).toBeNull();
  });
});

import { normalise, stem } from '../classify/text';

/**
 * «Отписка» detection (issue 22, part 5): does an answer to an appeal promise anything a citizen can check? Pure: a
 * transparent rule set with weights, no model. «Добродел» treats an answer without a date, a photo or an act as an
 * отписка; the rules below add the boilerplate phrases Russian portals' answers are made of.
 *
 * Scoring. Every rule fires at most once; the score is the sum of the weights that fired.
 * - Checkable signals (negative weights): a deadline — only the strongest of a calendar date (−3), a month or a
 *   period in days (−2), a year or quarter (−1); a report that the work was done (−2); a photo or attachment (−2); an
 *   act, order, protocol or numbered document (−2).
 * - «Ничего проверяемого» (+2) fires when none of the checkable signals did.
 * - Boilerplate phrases (positive weights, +1 or +2 each), matched on Snowball stems so that inflected forms match
 *   («принята/принято к сведению», «в плановом порядке/планового порядка»), allowing up to one word between the
 *   words of a phrase («в рамках своей компетенции»).
 * Verdict: «отписка» when the score is at least OTPISKA_THRESHOLD (2) — so an answer with nothing checkable is always
 * an отписка, and boilerplate outweighs a weak promise (a year) but not a date. An empty text has no verdict.
 *
 * A date that only names the appeal being answered («на Ваше обращение от 18.10.2020») is not a promise and is
 * removed before the deadline rules run. «Будут выполнены» is a promise, not a report: the done-rule skips a verb
 * with будет/будут/планируется/необходимо/должны… up to four words before it, or «не» right before it.
 *
 * The data at hand (../shared/data/spb_appeals, «Наш Санкт-Петербург» 2020–2021) has the answering organisation and
 * the first answer's time but no answer text, so the phrases come from answer forms published by Russian portals
 * and the tests label literal texts by hand.
 */

export type OtpiskaVerdict = 'otpiska' | 'checkable' | 'no_text';

export interface OtpiskaReason {
  id: string;
  /** Russian label shown next to the answer. */
  label: string;
  weight: number;
  /** The words of the answer that made the rule fire (normalised: lower case, ё as е). */
  evidence: string;
}

export interface OtpiskaResult {
  score: number;
  verdict: OtpiskaVerdict;
  /** In rule order (RULES below): checkable signals first, then the boilerplate. */
  reasons: OtpiskaReason[];
}

export const OTPISKA_THRESHOLD = 2;

interface RuleInfo {
  id: string;
  label: string;
  weight: number;
}

/** Every rule with its label and weight, for the UI's legend and the docs. */
export const OTPISKA_RULES: readonly RuleInfo[] = [
  { id: 'date', label: 'указан срок: дата', weight: -3 },
  { id: 'month_or_days', label: 'указан срок: месяц или число дней', weight: -2 },
  { id: 'year_or_quarter', label: 'указан срок: год или квартал', weight: -1 },
  { id: 'done', label: 'сообщено о выполнении работ', weight: -2 },
  { id: 'photo', label: 'приложено фото или материалы', weight: -2 },
  { id: 'document', label: 'ссылка на акт, предписание, протокол или документ с номером', weight: -2 },
  { id: 'nothing_checkable', label: 'ничего проверяемого: нет срока, фото, акта или сведений о выполнении', weight: 2 },
  { id: 'noted', label: '«информация принята к сведению» / «будет учтено»', weight: 2 },
  { id: 'will_consider', label: '«будет рассмотрено» / «рассмотреть возможность»', weight: 2 },
  { id: 'planned_order', label: '«в плановом порядке» / «в порядке очерёдности»', weight: 2 },
  { id: 'funding', label: '«при наличии финансирования» / «по мере выделения средств»', weight: 2 },
  { id: 'competence', label: '«в рамках компетенции»', weight: 1 },
  { id: 'under_control', label: '«взято на контроль»', weight: 1 },
  { id: 'instructions', label: '«даны указания / поручения»', weight: 1 },
  { id: 'vague_time', label: 'срок без даты: «в ближайшее время», «в весенний период»', weight: 1 },
  { id: 'redirected', label: 'обращение переадресовано', weight: 1 },
];

const RULE = new Map(OTPISKA_RULES.map((r) => [r.id, r]));

/**
 * Boilerplate phrases: words separated by spaces, alternatives of one word by '/'. Each alternative is stemmed, so
 * listing the forms whose Snowball stems differ (принят → прин, принята → принят) is enough.
 */
const PHRASES: Record<string, string[]> = {
  noted: [
    'принята/принято/принят/приняты/приняли/принимается к сведению/сведения',
    'будет/будут учтено/учтена/учтен/учтены',
  ],
  will_consider: [
    'будет/будут рассмотрено/рассмотрена/рассмотрен/рассмотрены',
    'рассмотреть возможность/вопрос',
    'рассматривается/прорабатывается/изучается возможность/вопрос',
    'будет/будут изучено/изучен/изучена/проработан/проработано/проработана',
  ],
  planned_order: ['в плановом/планового порядке/порядка', 'в порядке очередности/очереди'],
  funding: [
    'по мере финансирования/выделения/поступления',
    'при наличии/выделении/условии финансирования/средств/денежных/лимитов',
    'при финансировании',
  ],
  competence: [
    'в рамках/пределах компетенции/полномочий',
    'по компетенции/принадлежности',
    'не относится/входит к/в компетенцию/компетенции',
  ],
  under_control: ['на контроль/контроле', 'контролируется/контролирует'],
  instructions: [
    'дано/даны/дал/дала/дали/выдано/выданы/направлено/направлены указание/указания/поручение/поручения/рекомендации',
    'рекомендовано/поручено',
  ],
  vague_time: [
    'в ближайшее время',
    'в кратчайшие/кратчайший сроки/срок',
    'в возможно короткие сроки',
    'по возможности',
    'в дальнейшем/перспективе',
    'в весенний/летний/осенний/зимний/весенне/летне период/сезон/летний/осенний',
    'в теплое время года',
    'при благоприятных погодных условиях',
    'после установления положительных/плюсовых температур',
  ],
  redirected: [
    'обращение/заявка/информация/запрос направлено/направлена/перенаправлено/перенаправлена/передано/передана/переадресовано/переадресована/переслано/переслана',
  ],
};

type Slot = Set<string>;

function compile(phrase: string): Slot[] {
  return phrase.split(' ').map((word) => new Set(word.split('/').map((w) => stem(normalise(w)))));
}

const COMPILED: [string, Slot[][]][] = Object.entries(PHRASES).map(([id, list]) => [id, list.map(compile)]);

/** Start and end (exclusive) of the first match of a phrase in the stems, up to one other word between slots. */
function findPhrase(stems: string[], slots: Slot[]): [number, number] | null {
  for (let start = 0; start < stems.length; start++) {
    if (!slots[0].has(stems[start])) continue;
    let pos = start;
    let ok = true;
    for (let s = 1; s < slots.length && ok; s++) {
      if (slots[s].has(stems[pos + 1])) pos += 1;
      else if (slots[s].has(stems[pos + 2])) pos += 2;
      else ok = false;
    }
    if (ok) return [start, pos + 1];
  }
  return null;
}

const MONTHS_GENITIVE = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря';
const MONTH_WORD =
  /(?<![а-я])(?:январ[ьяеи]|феврал[ьяеи]|март[аеу]?|апрел[ьяеи]|ма[йяею]|июн[ьяеи]|июл[ьяеи]|август[аеу]?|сентябр[ьяеи]|октябр[ьяеи]|ноябр[ьяеи]|декабр[ьяеи])(?![а-я])/u;

/** A calendar date: 15.05.2021, 15.05.21, 15/05/2021, «до 15.05», «15 мая». */
const DATE = new RegExp(
  String.raw`(?<![\d.])\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})(?![\d])|(?:до|к|по|не позднее)\s+\d{1,2}\.\d{1,2}(?![\d.])|(?<!\d)\d{1,2}\s+(?:${MONTHS_GENITIVE})(?![а-я])`,
  'u',
);
/** A period in days or weeks: «в течение 10 рабочих дней», «10 календарных дней», «в течение двух недель». */
const DAYS =
  /(?:в течение|в срок|не позднее|через)\s+(?:\d+|одного|одной|двух|трех|пяти|десяти)\s+(?:\([а-я]+\)\s+)?(?:рабочих\s+|календарных\s+)?(?:дн|день|недел|сут|месяц)|\d+\s+(?:рабочих|календарных)\s+дн|в течение (?:месяца|недели)/u;
/** A year or a quarter: «в 2021 году», «на 2022 год», «2021 г.», «в текущем году», «во II квартале». */
const YEAR =
  /(?<!\d)20\d\d\s*(?:год|гг?\.?(?![а-я]))|(?:текущ|эт|следующ|будущ)[а-я]*\s+год|(?<![а-я])(?:[ivx]+|[1-4])\s*(?:-?[а-я]{1,2}\s+)?квартал|(?<![а-я])квартал[а-я]*\s+20\d\d/u;
/** An appeal reference with its date: «на Ваше обращение от 18.10.2020 № 123» — not a promise. */
const APPEAL_REFERENCE = new RegExp(
  String.raw`(?:обращени|заявк|сообщени|жалоб|запрос)[а-я]*\s+(?:№\s*[\w\-/]+\s+)?от\s+(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:\s*г\.?)?|\d{1,2}\s+(?:${MONTHS_GENITIVE})(?:\s+\d{4}(?:\s*г(?:ода)?\.?)?)?)(?:\s*№\s*[\w\-/]+)?`,
  'gu',
);

const PHOTO =
  /(?<![а-я])(?:фото[а-я]*|фотограф[а-я]*|фотофиксац[а-я]*|снимк[а-я]*|вложени[а-я]*|прилага[а-я]*|приложен[а-я]*)/u;
const DOCUMENT =
  /(?<![а-я])(?:акт(?:а|ом|у|ы|ов|е)?(?![а-я])|предписани[а-я]*|протокол[а-я]*|постановлени[а-я]*|наряд[а-я]*|контракт[а-я]*)|№\s*\d/u;

/** Short participles and past tense of the verbs an executor reports work done with. */
const DONE =
  /^(?:(?:выполнен|устранен|произведен|проведен|демонтирован|вывезен|убран|восстановлен|отремонтирован|закрашен|заменен|ликвидирован|очищен|покрашен|спилен|заделан|нанесен|исполнен|решен|смонтирован|засыпан|заасфальтирован)(?:а|о|ы)?|(?:выполнил|устранил|произвел|провел|демонтировал|вывез|убрал|восстановил|отремонтировал|закрасил|заменил|ликвидировал|очистил|покрасил|спилил|заделал|нанес|исполнил|решил|смонтировал|засыпал)(?:а|о|и|ла|ло|ли)?)$/u;
const FUTURE =
  /^(?:будет|будут|планируется|планируют|запланировано|запланированы|необходимо|должен|должна|должно|должны|может|могут|предполагается|ожидается)$/u;
/** «Проведена проверка / осмотр» reports an inspection, not the work asked for. */
const NOT_WORK = /^(?:провер|осмотр|обследован|обход|беседа|разъяснительн|анализ|мониторинг)/u;

function findDone(tokens: string[]): string | null {
  for (let i = 0; i < tokens.length; i++) {
    if (!DONE.test(tokens[i])) continue;
    if (i > 0 && tokens[i - 1] === 'не') continue;
    if (tokens.slice(Math.max(0, i - 4), i).some((t) => FUTURE.test(t))) continue;
    if (NOT_WORK.test(tokens[i + 1] ?? '') || NOT_WORK.test(tokens[i - 1] ?? '')) continue;
    return tokens[i];
  }
  return null;
}

function reason(id: string, evidence: string): OtpiskaReason {
  const r = RULE.get(id)!;
  return { id: r.id, label: r.label, weight: r.weight, evidence: evidence.trim() };
}

/** Score an answer text. See the module comment for the rules. */
export function scoreAnswer(text: string | null | undefined): OtpiskaResult {
  const lower = (text ?? '').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(lower)) return { score: 0, verdict: 'no_text', reasons: [] };
  const promised = lower.replace(APPEAL_REFERENCE, ' ');

  const checkable: OtpiskaReason[] = [];
  const date = DATE.exec(promised);
  const days = date ? null : (DAYS.exec(promised) ?? MONTH_WORD.exec(promised));
  const year = date || days ? null : YEAR.exec(promised);
  if (date) checkable.push(reason('date', date[0]));
  else if (days) checkable.push(reason('month_or_days', days[0]));
  else if (year) checkable.push(reason('year_or_quarter', year[0]));

  const tokens = normalise(promised).split(' ').filter(Boolean);
  const done = findDone(tokens);
  if (done) checkable.push(reason('done', done));
  const photo = PHOTO.exec(promised);
  if (photo) checkable.push(reason('photo', photo[0]));
  const doc = DOCUMENT.exec(promised);
  if (doc) checkable.push(reason('document', doc[0]));

  const reasons = [...checkable];
  if (!checkable.length) reasons.push(reason('nothing_checkable', ''));

  const stems = tokens.map(stem);
  for (const [id, phrases] of COMPILED) {
    for (const slots of phrases) {
      const m = findPhrase(stems, slots);
      if (m) {
        reasons.push(reason(id, tokens.slice(m[0], m[1]).join(' ')));
        break;
      }
    }
  }

  const score = reasons.reduce((s, r) => s + r.weight, 0);
  return { score, verdict: score >= OTPISKA_THRESHOLD ? 'otpiska' : 'checkable', reasons };
}

/** The flag the ratings take (lib/aggregate/response/ratings.ts `isOtpiska`): null when there is no answer text. */
export function otpiskaFlag(text: string | null | undefined): boolean | null {
  const { verdict } = scoreAnswer(text);
  return verdict === 'no_text' ? null : verdict === 'otpiska';
}

import { newStemmer } from 'snowball-stemmers';

/** Lower case, ё as е, everything that is not a letter or digit becomes one space. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a text after normalise(); digits-only tokens are kept (rules may name "112" or "qr"). */
export function words(text: string): string[] {
  const n = normalise(text);
  return n ? n.split(' ') : [];
}

const russian = newStemmer('russian');
const english = newStemmer('english');
// Appeals repeat a small vocabulary: a bounded memo makes stemming ~free after the first few thousand rows.
const memo = new Map<string, string>();
const MEMO_MAX = 200_000;

/** Snowball stem of one normalised word: Russian for Cyrillic words, English for Latin ones (NYC-style sources). */
export function stem(word: string): string {
  const hit = memo.get(word);
  if (hit !== undefined) return hit;
  const s = /[a-z]/.test(word) ? english.stem(word) : russian.stem(word);
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(word, s);
  return s;
}

// Function words carry no topic; keeping them out keeps the model small and its evidence meaningful.
const STOP = new Set(
  (
    'и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот ' +
    'от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там ' +
    'потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под ' +
    'будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда ' +
    'зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много ' +
    'разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между ' +
    'это весь эта эти этих уже очень просто ул д г п с the a an of to in on at and or is are was for with'
  ).split(' '),
);

/** Stems that can carry topic evidence: no stop words, no numbers, no one-letter tokens. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || STOP.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

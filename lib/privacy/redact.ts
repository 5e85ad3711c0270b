/**
 * Personal contacts inside free text (an appeal as the citizen wrote it): phone numbers in the forms Russians write
 * them, e-mail addresses, links to social-network profiles and @handles. Roles that may not read contacts
 * (lib/auth/policy.ts, mayReadContacts) get the text through redactContacts; the rest of the text stays as written.
 * Pure: no I/O, the same output for the same input.
 */

export const PHONE_MARK = '[телефон скрыт]';
export const EMAIL_MARK = '[e-mail скрыт]';
export const PROFILE_MARK = '[профиль скрыт]';

/** Between two digits of a phone: nothing, or up to three of space, dash, dot and parentheses ("8 (3532) 77-12-34"). */
const SEP = String.raw`[\s\-‐–.()]{0,3}`;
const D10 = `(?:${SEP}\\d){10}`;

// Ten national digits after +7, 8 or 7 (mobile "+7 (912) 345-67-89", "89123456789", city "8 (3532) 77-12-34",
// "8 800 555-35-35", "тел.89123456789"). Not glued to a letter, digit or slash before, nor to a digit after.
const WITH_PREFIX = String.raw`(?:\+\s?7|(?<![\p{L}\d/\-+])[78])${D10}(?!\d)`;
// Ten digits without the prefix: a mobile number starts with 9 ("912-345-67-89", "9123456789", "(912) 345-67-89").
const MOBILE = String.raw`(?<![\p{L}\d/\-+])\(?9\d{2}\)?[\s\-.]?\d{3}[\s\-.]?\d{2}[\s\-.]?\d{2}(?!\d)`;
// A city code in parentheses and the local number, ten digits in all ("(3532) 77-12-34").
const CITY = String.raw`(?<![\p{L}\d])\(\s?(?:\d{3}\)\s?\d{3}[\s\-.]?\d{2}[\s\-.]?\d{2}|\d{4}\)\s?\d{2}[\s\-.]?\d{2}[\s\-.]?\d{2}|\d{5}\)\s?\d[\s\-.]?\d{2}[\s\-.]?\d{2})(?!\d)`;
// A 7-digit local number written with dashes ("771-23-45"); a date has 4-2-2 or 2-2-2 groups and does not match.
const LOCAL7 = String.raw`(?<![\p{L}\d.,/\-])\d{3}-\d{2}-\d{2}(?![\d\-./])`;
const PHONE = new RegExp(`${WITH_PREFIX}|${CITY}|${MOBILE}|${LOCAL7}`, 'gu');

// A short local number ("77-12-34", "771234", "2-12-34") is only a phone after a word that says so: "тел.", "телефон",
// "моб.", "сот.", "WhatsApp", "звоните" …; a list after it ("тел.: 77-12-34, 77-56-78") loses every number.
const KEYWORD = String.raw`(?<![\p{L}])(?:тел(?:ефон[а-я]*)?|т|моб(?:ильн[а-я]*)?|сот(?:ов[а-я]*)?|whats\s?app|ватсап|вотсап|viber|вайбер|(?:по)?звон[а-я]*)\.?\s*[:\-–]?\s*`;
const SHORT = String.raw`(?:\d{1,3}[\s\-.]\d{2}[\s\-.]\d{2}|\d{5,7})(?![\d\-./]?\d)`;
const ITEM = `(?:${SHORT}|\\[телефон скрыт\\])`;
const LIST_SEP = String.raw`\s*(?:,|;|/|\s(?:или|и)\s)\s*`;
const AFTER_KEYWORD = new RegExp(`(${KEYWORD})(${ITEM}(?:${LIST_SEP}${ITEM})*)`, 'giu');

const EMAIL = new RegExp(
  String.raw`[\p{L}\d._%+\-]+\s?(?:@|\(at\)|\[at\])\s?[\p{L}\d\-]+(?:\.[\p{L}\d\-]+)*\.\p{L}{2,}`,
  'giu',
);

const PROFILE_HOSTS = [
  'vk\\.com',
  'vk\\.ru',
  'vkontakte\\.ru',
  'm\\.vk\\.com',
  't\\.me',
  'telegram\\.me',
  'ok\\.ru',
  'odnoklassniki\\.ru',
  'instagram\\.com',
  'instagr\\.am',
  'facebook\\.com',
  'fb\\.com',
  'm\\.facebook\\.com',
  'wa\\.me',
  'twitter\\.com',
  'x\\.com',
  'tiktok\\.com',
  'youtube\\.com',
  'dzen\\.ru',
  'my\\.mail\\.ru',
].join('|');
const PROFILE = new RegExp(
  String.raw`(?<![\p{L}\d.\-/])(?:https?:\/\/)?(?:www\.)?(?:${PROFILE_HOSTS})\/[^\s,;!«»"'()<>]*[^\s,;!?«»"'()<>.]`,
  'giu',
);
// "@ivan_orb": a handle of Telegram, Instagram, VK; not the middle of an e-mail (those are gone by then).
const HANDLE = /(?<![\p{L}\d._%+\-@])@[A-Za-z][A-Za-z0-9_.]{2,31}(?<!\.)/gu;

/** The text with every phone number, e-mail address, profile link and @handle replaced by a mark; null stays null. */
export function redactContacts(text: string): string;
export function redactContacts(text: string | null): string | null;
export function redactContacts(text: string | null): string | null {
  if (!text) return text;
  return text
    .replace(EMAIL, EMAIL_MARK)
    .replace(PROFILE, PROFILE_MARK)
    .replace(HANDLE, PROFILE_MARK)
    .replace(PHONE, PHONE_MARK)
    .replace(AFTER_KEYWORD, (_, kw: string, list: string) => kw + list.replace(new RegExp(SHORT, 'gu'), PHONE_MARK));
}

/** The text as a role reads it: unchanged for roles that may read contacts, redacted for the others. */
export const textFor = (contacts: boolean, text: string | null): string | null =>
  contacts ? text : redactContacts(text);

import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { homeFor, landingFor } from '../../lib/auth/home';
import { PmapError } from '../../lib/errors';
import { ERROR_MESSAGES, localeOf, paramsOf, renderError, type ErrorKey } from '../../lib/i18n/errors';
import { auditActionName, ownerName, roadClassName, roleName, timeZoneName } from '../../lib/i18n/names';
import { formatLocal } from '../../lib/i18n/time';
import { issueError, issueKey } from '../../lib/i18n/zodIssue';

const CYRILLIC = /[а-яё]/i;

describe('the error dictionary', () => {
  const keys = Object.keys(ERROR_MESSAGES) as ErrorKey[];

  it.each(keys)('%s has Russian and English text with the same parameters', (key) => {
    const { ru, en } = ERROR_MESSAGES[key];
    expect(ru.trim().length).toBeGreaterThan(0);
    expect(en.trim().length).toBeGreaterThan(0);
    expect(ru).toMatch(CYRILLIC);
    expect(paramsOf(ru)).toEqual(paramsOf(en));
  });

  it('fills parameters, and names request parameters in Russian', () => {
    expect(renderError('import.no_job', { id: 42 }, 'ru')).toBe('Импорт №42 не найден');
    expect(renderError('import.no_job', { id: 42 }, 'en')).toBe('no import job 42');
    expect(renderError('input.period_reversed', { param: 'to' }, 'ru')).toBe('Конец периода раньше начала');
    expect(renderError('input.period_reversed', { param: 'to' }, 'en')).toBe('to: the period ends before it starts');
  });

  it('negotiates the language: Russian unless English comes first', () => {
    expect(localeOf(null)).toBe('ru');
    expect(localeOf('*')).toBe('ru');
    expect(localeOf('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(localeOf('en-US,en;q=0.9')).toBe('en');
  });
});

describe('PmapError with a key', () => {
  it('keeps the CLI English line and says it in Russian with its place', () => {
    const e = PmapError.keyed('bad_file', 'import.unbalanced_quote', {}, { file: 'a.csv', line: 3 });
    expect(e.oneLine()).toBe('a.csv, line 3: a quote is opened and never closed (unbalanced quote)');
    expect(e.localized('ru')).toBe('a.csv, строка 3: Кавычка открыта и не закрыта');
  });

  it('an error without a key: English as written, Russian by its code (no English sentence)', () => {
    const e = new PmapError('not_found', 'no such thing');
    expect(e.localized('en')).toBe('no such thing');
    expect(e.localized('ru')).toBe('Не найдено');
    expect(e.shownKey).toBe('code.not_found');
  });
});

describe('zod issues as keys', () => {
  const first = (schema: z.ZodType, v: unknown) => schema.safeParse(v).error!.issues[0];

  it('English keeps the schema sentence; Russian says the key', () => {
    const i = first(z.object({ from: z.string().refine(() => false, 'use period=YYYY-MM') }), { from: 'x' });
    const e = issueError(i, `from: ${i.message}`);
    expect(e.localized('en')).toBe('from: use period=YYYY-MM');
    expect(e.localized('ru')).toBe('Начало периода: недопустимое значение');
  });

  it('a refinement names its own key', () => {
    const s = z
      .object({ from: z.string(), to: z.string() })
      .refine((q) => q.from <= q.to, { path: ['to'], message: 'x', params: { key: 'input.period_reversed' } });
    expect(issueKey(first(s, { from: '2024-02-01', to: '2024-01-01' }))).toEqual({
      key: 'input.period_reversed',
      params: { param: 'to' },
    });
  });

  it('the other kinds get the key of their kind', () => {
    expect(issueKey(first(z.object({ password: z.string().min(10) }), { password: 'short' }))).toEqual({
      key: 'input.too_short',
      params: { param: 'password', minimum: '10' },
    });
    expect(issueKey(first(z.object({ role: z.enum(['a', 'b']) }), { role: 'c' }))).toEqual({
      key: 'input.invalid_value',
      params: { param: 'role', values: 'a, b' },
    });
    expect(issueKey(first(z.strictObject({}), { zzz: 1 }))).toEqual({
      key: 'input.unknown_params',
      params: { param: 'zzz' },
    });
    expect(issueKey(first(z.object({ email: z.string() }), {})).key).toBe('input.required');
  });
});

describe('homeFor and landingFor', () => {
  it('each role has its home', () => {
    expect(homeFor('admin')).toBe('/map');
    expect(homeFor('analyst')).toBe('/map');
    expect(homeFor('road_agency')).toBe('/roads');
    expect(homeFor(null)).toBe('/');
  });

  it('follows next only when the role may open it', () => {
    expect(landingFor('road_agency', '/map')).toBe('/roads');
    expect(landingFor('road_agency', '/roads?owner=x')).toBe('/roads?owner=x');
    expect(landingFor('analyst', '/admin/users')).toBe('/map');
    expect(landingFor('admin', '/admin/users')).toBe('/admin/users');
    expect(landingFor('analyst', '//evil.example/')).toBe('/map');
    expect(landingFor('analyst', null)).toBe('/map');
  });
});

describe('names for raw codes', () => {
  it('roads, roles, owners, audit actions', () => {
    expect(roadClassName('tertiary')).toBe('местная');
    expect(roadClassName('secondary')).toBe('районная');
    expect(roleName('road_agency')).toBe('дорожная служба');
    expect(ownerName('municipal')).toBe('муниципальная');
    expect(auditActionName('export appeals csv')).toBe('Выгрузка обращений (CSV)');
    expect(auditActionName('export priorities xlsx')).toBe('Выгрузка приоритетов ремонта (XLSX)');
    expect(roadClassName('something_new')).toBe('something_new');
  });

  it('time zones by city and offset', () => {
    expect(timeZoneName('Asia/Yekaterinburg')).toBe('Екатеринбург (UTC+5)');
    expect(timeZoneName('Europe/Moscow')).toBe('Москва (UTC+3)');
  });

  it('formats a moment in the region zone, not UTC', () => {
    // 2026-12-07 19:30 UTC is 00:30 on the 8th in Yekaterinburg (UTC+5).
    expect(formatLocal('2026-12-07T19:30:00Z', 'Asia/Yekaterinburg')).toBe('08.12.2026, 00:30');
  });
});

import type { z } from 'zod';
import { PmapError, type ErrorCode } from '../errors';
import { isErrorKey, type ErrorKey, type ErrorParams } from './errors';

type Issue = z.core.$ZodIssue;

const TYPE_RU: Record<string, string> = {
  string: 'строка',
  number: 'число',
  int: 'целое число',
  boolean: 'да или нет',
  array: 'список',
  object: 'объект',
  date: 'дата',
};

/** The parameter an issue is about: its path (without list positions: `channel`, not `channel.0`), or the unknown keys, or `fallback`. */
export function issueParam(i: Issue, fallback = 'query'): string {
  const named = i.path.filter((p) => typeof p !== 'number');
  if (named.length) return named.map(String).join('.');
  return i.code === 'unrecognized_keys' ? i.keys.join(', ') : fallback;
}

/**
 * A zod issue as a message key and its parameters (lib/i18n/errors.ts). A refinement names its own key with
 * `params: { key }`; every other issue gets the key of its kind, so no English sentence of a schema reaches a page.
 */
export function issueKey(i: Issue, fallback = 'query'): { key: ErrorKey; params: ErrorParams } {
  const param = issueParam(i, fallback);
  switch (i.code) {
    case 'custom': {
      const own = (i.params as { key?: unknown } | undefined)?.key;
      return { key: isErrorKey(own) ? own : 'input.invalid', params: { param } };
    }
    case 'invalid_type':
      if (i.input === undefined && /received undefined/.test(i.message))
        return { key: 'input.required', params: { param } };
      return { key: 'input.invalid_type', params: { param, expected: TYPE_RU[i.expected] ?? i.expected } };
    case 'too_small':
      return {
        key: i.origin === 'string' ? 'input.too_short' : 'input.too_small',
        params: { param, minimum: String(i.minimum) },
      };
    case 'too_big':
      return {
        key: i.origin === 'string' ? 'input.too_long' : 'input.too_big',
        params: { param, maximum: String(i.maximum) },
      };
    case 'invalid_format':
      return { key: 'input.invalid_format', params: { param } };
    case 'invalid_value':
      return { key: 'input.invalid_value', params: { param, values: i.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { key: 'input.unknown_params', params: { param } };
    default:
      return { key: 'input.invalid', params: { param } };
  }
}

/** A 400 for a zod issue: `english` is the CLI's and English clients' sentence, the key is the page's. */
export function issueError(i: Issue, english: string, fallback = 'query', code: ErrorCode = 'bad_argument'): PmapError {
  const { key, params } = issueKey(i, fallback);
  return new PmapError(code, english, {}, key, params);
}

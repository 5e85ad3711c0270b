import { timingSafeEqual } from 'node:crypto';
import { env } from '../config/env';

/** The chat bot or operator console behind an API key (PMAP_BOT_API_KEYS="name:key,name2:key2"). */
export interface BotClient {
  name: string;
}

function keys(): { name: string; key: Buffer }[] {
  return (env().PMAP_BOT_API_KEYS ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf(':');
      return { name: p.slice(0, i), key: Buffer.from(p.slice(i + 1)) };
    })
    .filter((k) => k.name && k.key.length >= 24);
}

/** Reads `Authorization: Bearer <key>` and compares in constant time with every configured key. */
export function botFrom(h: Headers): BotClient | null {
  const m = /^Bearer\s+(\S+)$/i.exec(h.get('authorization') ?? '');
  if (!m) return null;
  const given = Buffer.from(m[1]);
  for (const k of keys()) {
    if (k.key.length === given.length && timingSafeEqual(k.key, given)) return { name: k.name };
  }
  return null;
}

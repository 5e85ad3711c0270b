import { describe, expect, it } from 'vitest';
import { BASE_URL, sessionCookie, url } from './browser';

/* The chat-bot / operator API: API key, idempotency key, validation. The e2e server runs with E2E_BOT_KEY. */
const KEY = process.env.E2E_BOT_KEY;
const post = (body: unknown, headers: Record<string, string>) =>
  fetch(url('/api/bot/appeals'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe.skipIf(!BASE_URL || !KEY)('POST /api/bot/appeals', () => {
  const auth = { authorization: `Bearer ${KEY}` };
  const idem = `tg-${Date.now()}`;
  const appeal = {
    text: `Телеграм-бот: яма на ул. Чкалова у дома 40 (${idem})`,
    channel: 'bot',
    lat: 51.7762,
    lon: 55.1121,
  };

  it('refuses callers without a valid key', async () => {
    expect((await post(appeal, { 'idempotency-key': idem })).status).toBe(401);
    expect(
      (await post(appeal, { 'idempotency-key': idem, authorization: 'Bearer not-the-key-0123456789abcdef' })).status,
    ).toBe(401);
  });

  it('needs an Idempotency-Key and a valid body', async () => {
    expect((await post(appeal, auth)).status).toBe(400);
    expect((await post({ text: 'ok' }, { ...auth, 'idempotency-key': `${idem}-v` })).status).toBe(400);
    expect((await post({ ...appeal, lon: undefined }, { ...auth, 'idempotency-key': `${idem}-v` })).status).toBe(400);
    expect((await post({ ...appeal, channel: 'social' }, { ...auth, 'idempotency-key': `${idem}-v` })).status).toBe(
      400,
    );
  });

  it('creates once; a retry returns the same appeal; a reused key with another body is a conflict', async () => {
    const first = await post(appeal, { ...auth, 'idempotency-key': idem });
    expect(first.status).toBe(201);
    const a = await first.json();
    const retry = await post(appeal, { ...auth, 'idempotency-key': idem });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ id: a.id, status: 'duplicate' });
    const clash = await post({ ...appeal, text: 'другой текст обращения' }, { ...auth, 'idempotency-key': idem });
    expect(clash.status).toBe(409);

    // Staff see it once, classified and placed, with the bot channel.
    const cookie = await sessionCookie('analyst');
    const list = await (
      await fetch(url('/api/appeals?channel=bot&page_size=200&gratitude=include'), { headers: { cookie } })
    ).json();
    const mine = list.items.filter((x: { text: string }) => x.text === appeal.text);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ channel: 'bot', topic: 'roads', status: 'new', municipality: 'Оренбург' });
  });
});

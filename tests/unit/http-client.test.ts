import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, postJson, requestJson } from '../../components/ui/http';

// A real HTTP server answering as our routes do (lib/serve/http.ts), and as a proxy in front of them might.
let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const send = (status: number, type: string, text: string) =>
        res.writeHead(status, { 'content-type': type }).end(text);
      if (req.url === '/ok') return send(200, 'application/json', JSON.stringify({ n: 1, accept: req.headers.accept }));
      if (req.url === '/echo')
        return send(
          201,
          'application/json',
          JSON.stringify({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) }),
        );
      if (req.url === '/keyed')
        return send(
          400,
          'application/json',
          JSON.stringify({
            error: 'bad_argument',
            message: 'to: the period ends before it starts',
            key: 'input.period_reversed',
            params: { param: 'to' },
          }),
        );
      if (req.url === '/bad')
        return send(
          400,
          'application/json',
          JSON.stringify({ error: 'bad_request', message: 'date "2026-13-01" is not a date' }),
        );
      if (req.url === '/nested')
        return send(422, 'application/json', JSON.stringify({ error: { message: 'weights must sum to 1' } }));
      if (req.url === '/html') return send(502, 'text/html', '<html>Bad Gateway</html>');
      return send(200, 'text/plain', 'not json');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('requestJson', () => {
  it('parses a JSON answer and asks for JSON', async () => {
    expect(await requestJson(`${base}/ok`)).toEqual({ n: 1, accept: 'application/json' });
  });

  it("throws ApiError with the server's message and status", async () => {
    const e = await requestJson(`${base}/bad`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 400, url: `${base}/bad`, message: 'date "2026-13-01" is not a date' });
    await expect(requestJson(`${base}/nested`)).rejects.toThrow('weights must sum to 1');
  });

  it('names the status when the failure is not ours (a proxy page)', async () => {
    await expect(requestJson(`${base}/html`)).rejects.toMatchObject({ status: 502, message: 'HTTP 502 Bad Gateway' });
  });

  it('shows a keyed error in Russian whatever the message says', async () => {
    await expect(requestJson(`${base}/keyed`)).rejects.toMatchObject({
      status: 400,
      message: 'Конец периода раньше начала',
    });
  });

  it('refuses a successful answer that is not JSON', async () => {
    await expect(requestJson(`${base}/text`)).rejects.toThrow('ответ сервера — не JSON');
  });

  it('posts a JSON body', async () => {
    expect(await postJson(`${base}/echo`, { a: [1, 2] })).toEqual({
      method: 'POST',
      type: 'application/json',
      body: { a: [1, 2] },
    });
  });
});

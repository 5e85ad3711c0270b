import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const BASE_URL = process.env.E2E_BASE_URL;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this machine needs (see ../shared/stack.md). */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

// Every test file loads this module afresh, so a counter alone would hand each file the same addresses and the
// files together would trip the sign-in rate limit (5 a minute per address). A random start per file keeps them apart.
let clients = Math.floor(Math.random() * 60_000);
/** A distinct address of the benchmarking range 198.18.0.0/15 (RFC 2544) per simulated client. */
export const testClientIp = () => {
  const n = ++clients % 65_000;
  return `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};

/** The demo accounts that seed-demo creates (README). */
export const DEMO = {
  admin: { email: 'admin@demo.pmap', password: 'demo-admin-2026' },
  analyst: { email: 'analyst@demo.pmap', password: 'demo-analyst-2026' },
  road_agency: { email: 'road@demo.pmap', password: 'demo-road-2026' },
} as const;
export type DemoRole = keyof typeof DEMO;

export const url = (path: string) => new URL(path, BASE_URL).toString();

/** The Origin a page of the app sends: state-changing calls with a session cookie must carry it (lib/serve/csrf.ts). */
export const ORIGIN = BASE_URL ? new URL(BASE_URL).origin : '';

/** Signs in through the login form, as a person would, and waits to land on `next`. */
export async function login(page: Page, role: DemoRole, next = '/map'): Promise<void> {
  // Sign-in is rate limited per client address (5 a minute); each test browser is its own client.
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': testClientIp() });
  await page.goto(url(`/login?next=${encodeURIComponent(next)}`));
  await page.getByLabel('Email').fill(DEMO[role].email);
  await page.getByLabel('Пароль').fill(DEMO[role].password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((u) => u.pathname === next, { timeout: 30_000 });
  expect(await page.getByTestId('viewer').textContent()).toContain(DEMO[role].email);
}

/** A session cookie header for API calls outside the browser. */
export async function sessionCookie(role: DemoRole): Promise<string> {
  const res = await fetch(url('/api/auth/sign-in/email'), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: new URL(BASE_URL!).origin,
      'X-Forwarded-For': testClientIp(),
    },
    body: JSON.stringify(DEMO[role]),
  });
  if (!res.ok) throw new Error(`sign-in as ${role} failed: ${res.status} ${await res.text()}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

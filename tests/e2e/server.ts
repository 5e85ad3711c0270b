import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface Started {
  base: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Runs server.ts as `npm run serve` does, with this environment on top of the test's own; resolves when it exits. */
export function runServer(
  env: Record<string, string | undefined>,
  port: number,
): { done: Promise<{ code: number | null; stderr: string }>; kill(): void } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      ...env,
    } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return {
    done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr }))),
    kill: () => child.kill(),
  };
}

/** A second app server on the e2e database (the built app), for settings the main e2e server does not have. */
export async function startServer(env: Record<string, string | undefined>): Promise<Started> {
  const port = await freePort();
  const s = runServer(env, port);
  let exited: string | null = null;
  void s.done.then((r) => (exited = r.stderr));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (exited !== null) throw new Error(`server exited: ${exited}`);
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, stop: s.kill };
    await new Promise((r) => setTimeout(r, 500));
  }
  s.kill();
  throw new Error('server did not answer in 60 s');
}

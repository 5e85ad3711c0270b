import fs from 'node:fs';
import path from 'node:path';
import { PmapError } from '../lib/errors';

/*
 * PGlite has no cross-process lock on its data directory and two writers lose data silently,
 * so every process that opens it holds a pid file next to it for as long as it runs.
 */
export interface DirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): DirLock {
  const file = path.resolve(dataDir) + '.lock';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n${process.argv.slice(1).join(' ')}\n`, { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(file, 'utf8').startsWith(`${process.pid}\n`)) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const [pidLine, cmd] = fs.readFileSync(file, 'utf8').split('\n');
      const pid = Number(pidLine);
      if (pid === process.pid) return { release: () => undefined };
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new PmapError(
          'db_locked',
          `the embedded database ${dataDir} is in use by process ${pid} (${cmd?.trim() || 'unknown'}); ` +
            'stop that process (e.g. the running app) or set DATABASE_URL / PMAP_DATA_DIR',
        );
      }
      fs.unlinkSync(file); // stale lock of a dead process
    }
  }
  throw new PmapError('db_locked', `could not lock ${dataDir}`);
}

import fs from 'node:fs';
import seedrandom from 'seedrandom';

/** Deterministic appeal CSV of `rows` rows (our own field names), for the ingest benchmark. */
export function writeBenchCsv(file: string, rows: number): void {
  const rng = seedrandom('pmap-bench-ingest');
  const topics = ['roads', 'housing', 'improvement', 'health', 'transport', 'waste', 'covid'];
  const channels = ['social', 'pos', 'portal', 'bot', 'hotline'];
  const texts = [
    'Яма на дороге у дома',
    'Нет горячей воды',
    'Не убран снег во дворе',
    'Не вывозят мусор',
    'Автобус не ходит по расписанию',
  ];
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'external_id,created_at,channel,status,topic,text,address,author,lat,lon\n');
  const t0 = Date.UTC(2024, 0, 1);
  let buf: string[] = [];
  for (let i = 0; i < rows; i++) {
    const lat = 51.5 + rng() * 0.6;
    const lon = 54.8 + rng() * 0.7;
    const created = new Date(t0 + Math.floor(rng() * 700 * 86400_000)).toISOString();
    const k = Math.floor(rng() * texts.length);
    buf.push(
      `B-${i},${created},${channels[i % 5]},closed,${topics[k]},"${texts[k]} ${i % 97}","г. Оренбург, ул. Тестовая, ${1 + (i % 200)}",user${Math.floor(rng() * 50000)},${lat.toFixed(6)},${lon.toFixed(6)}\n`,
    );
    if (buf.length === 10000) {
      fs.writeSync(fd, buf.join(''));
      buf = [];
    }
  }
  fs.writeSync(fd, buf.join(''));
  fs.closeSync(fd);
}

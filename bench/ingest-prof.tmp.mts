import { openDatabase } from '../db/client';
import { groupNewAppeals } from '../lib/enrich/problems/group';
const db = await openDatabase({ url: process.env.U! });
await db.query(`UPDATE appeals SET problem_id = NULL`);
await db.query(`DELETE FROM problems`);
await db.query(`ANALYZE appeals`);
const t0 = Date.now();
const r = await db.transaction((s) => {
  const orig = s.query.bind(s);
  s.query = (async (text: string, params?: readonly unknown[]) => { const t = Date.now(); const out = await orig(text, params); console.error(Date.now() - t, 'ms', text.replace(/\s+/g, ' ').slice(0, 90)); return out; }) as typeof s.query;
  return groupNewAppeals(s);
});
console.log(r, (Date.now() - t0) / 1000, 's');
const st = await db.query(`SELECT appeal_count, count(*) n FROM problems GROUP BY 1 ORDER BY 1 LIMIT 30`);
console.log(st.map((x) => `${x.appeal_count}:${x.n}`).join(' '));
await db.close();

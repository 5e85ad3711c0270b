import type { Metadata } from 'next';
import Link from 'next/link';
import { NavBar } from '@/components/ui/NavBar';
import { requirePage } from '@/lib/auth/guard';
import { mayReadContacts } from '@/lib/auth/policy';
import { getDb } from '@/db';
import { appealFilterSchema } from '@/lib/domain/filters';
import { CHANNEL_LABELS, STATUS_LABELS, TOPIC_LABELS, TOPICS, type Channel, type Status, type Topic } from '@/lib/domain/vocab';
import { listAppeals } from '@/lib/store/appealList';
import { ListTopicChooser } from '@/components/appeals/ListTopicChooser';
import { topicDoubtText } from '@/lib/i18n/topicDoubt';

export const metadata: Metadata = { title: 'Обращения' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 50;
const td = topicDoubtText('ru');
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function AppealsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePage('/appeals');
  const sp = await searchParams;
  const parsed = appealFilterSchema.safeParse({ topic: one(sp.topic) || undefined, gratitude: one(sp.gratitude) || 'include' });
  const filter = parsed.success ? parsed.data : appealFilterSchema.parse({});
  const page = Math.max(1, Math.min(10_000, Number(one(sp.page)) || 1));
  const doubtOnly = one(sp.doubt) === 'only';
  const db = await getDb();
  const list = await listAppeals(db, filter, page, PAGE_SIZE, mayReadContacts(viewer!.role), { doubtOnly });
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const qs = (p: number) => new URLSearchParams({ ...(filter.topic ? { topic: filter.topic.join(',') } : {}), gratitude: filter.gratitude, ...(doubtOnly ? { doubt: 'only' } : {}), page: String(p) }).toString();
  const exportQs = new URLSearchParams({ ...(filter.topic ? { topic: filter.topic.join(',') } : {}), gratitude: filter.gratitude }).toString();
  return (
    <>
      <NavBar viewer={viewer!} />
      <main className="page">
        <h1>Обращения</h1>
        <form className="form-row" method="get">
          <label>
            Тема
            <select name="topic" defaultValue={filter.topic?.[0] ?? ''}>
              <option value="">Все темы</option>
              {TOPICS.map((t) => <option key={t} value={t}>{TOPIC_LABELS[t].ru}</option>)}
            </select>
          </label>
          <label>
            Благодарности
            <select name="gratitude" defaultValue={filter.gratitude}>
              <option value="include">показывать</option>
              <option value="exclude">скрыть</option>
              <option value="only">только они</option>
            </select>
          </label>
          <label>
            <input type="checkbox" name="doubt" value="only" defaultChecked={doubtOnly} data-testid="doubt-only" />
            {td.onlyDoubt}
          </label>
          <button type="submit">Показать</button>
          <a href={`/api/appeals/export?format=csv&${exportQs}`}>Выгрузить CSV</a>
          <a href={`/api/appeals/export?format=geojson&${exportQs}`}>GeoJSON</a>
        </form>
        <p className="muted" data-testid="appeals-total">Найдено: {list.total.toLocaleString('ru-RU')}</p>
        <table>
          <thead>
            <tr><th>Дата</th><th>Тема</th><th>Канал</th><th>Статус</th><th>Текст</th><th>Адрес</th><th>Муниципалитет</th><th>Автор</th></tr>
          </thead>
          <tbody>
            {list.items.map((a) => (
              <tr key={a.id} data-testid="appeal-row" data-id={a.id} data-doubt={a.doubt} data-manual={a.topicManual}>
                <td>{new Date(a.createdAt).toLocaleDateString('ru-RU')}</td>
                <td>
                  <span data-testid="appeal-topic">{TOPIC_LABELS[a.topic as Topic]?.ru ?? a.topic}</span>{a.isGratitude ? ' · благодарность' : ''}
                  <ListTopicChooser id={a.id} topicManual={a.topicManual} doubt={a.doubt} top={a.top} />
                </td>
                <td>{CHANNEL_LABELS[a.channel as Channel]?.ru ?? a.channel}</td>
                <td>{STATUS_LABELS[a.status as Status]?.ru ?? a.status}</td>
                <td data-testid="appeal-text">{a.text}</td>
                <td>{a.address}</td>
                <td>{a.municipality}</td>
                <td title="псевдоним автора">{a.authorContact ?? (a.author ? `#${a.author.slice(0, 8)}` : '—')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          {page > 1 && <Link href={`/appeals?${qs(page - 1)}`}>← Назад</Link>}{' '}
          Страница {page} из {pages}{' '}
          {page < pages && <Link href={`/appeals?${qs(page + 1)}`}>Вперёд →</Link>}
        </p>
      </main>
    </>
  );
}

import { NextResponse } from 'next/server';
import { loadClassifier } from '@/lib/enrich/classify/store';
import { PmapError } from '@/lib/errors';
import { readJson, route } from '@/lib/serve/http';
import { appealTopicBodySchema, parseBody, pathIdAt } from '@/lib/serve/params';
import { setAppealTopic } from '@/lib/store/topicCorrections';

export const dynamic = 'force-dynamic';

/**
 * A person sets an appeal's topic (`{"topic": "roads"}`), or returns it to automatic (`{"topic": null}`); the choice
 * is recorded for the corrections report. Answers the appeal's topic as it now is.
 */
export const POST = route('/api/appeals/[id]/topic', async (req, { db, viewer }) => {
  if (!viewer) throw PmapError.keyed('unauthenticated', 'auth.sign_in_first');
  // /api/appeals/{id}/topic: the id is the segment before "topic".
  const id = pathIdAt(req, 2);
  const { topic } = parseBody(appealTopicBodySchema, await readJson(req));
  const cls = await loadClassifier(db);
  const state = await setAppealTopic(db, id, topic, viewer.email, (text) => cls.classify(text));
  return NextResponse.json(state, { headers: { 'Cache-Control': 'private, no-store' } });
});

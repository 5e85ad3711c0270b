'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { postJson } from '@/components/ui/http';
import { TOPIC_LABELS, TOPICS, isTopic, type Topic } from '@/lib/domain/vocab';
import { percentText, type TopicChoice } from '@/lib/enrich/topicDoubt';
import { topicDoubtText } from '@/lib/i18n/topicDoubt';
import type { AppealTopicState } from '@/lib/store/topicCorrections';
import styles from './TopicChooser.module.css';

const t = topicDoubtText('ru');
const label = (topic: string) => (isTopic(topic) ? TOPIC_LABELS[topic].ru : topic);

export interface TopicChooserProps {
  id: number;
  topicManual: boolean;
  doubt: boolean;
  top: TopicChoice[] | null;
  /** After a save: refresh what shows the appeal (the drill-down's query, the list page). May return a promise. */
  onSaved: () => unknown;
}

/**
 * Under an appeal's topic: when it is in doubt, its most probable topics as buttons and any other topic from a list;
 * when a person chose it, that mark and the way back to automatic. Saves through POST /api/appeals/{id}/topic.
 */
export function TopicChooser({ id, topicManual, doubt, top, onSaved }: TopicChooserProps) {
  const [other, setOther] = useState('');
  const save = useMutation({
    mutationFn: (topic: Topic | null) => postJson<AppealTopicState>(`/api/appeals/${id}/topic`, { topic }),
    // Returned, so the buttons stay disabled until the refreshed list has arrived.
    onSuccess: () => onSaved(),
  });
  if (!doubt && !topicManual) return null;
  const busy = save.isPending;
  return (
    <div className={styles.chooser} data-testid="topic-chooser">
      {doubt && (
        <div role="group" aria-label={t.inDoubt} className={styles.chooser} data-testid="topic-doubt">
          <span className={styles.flag}>{t.inDoubt}</span>
          {(top ?? []).map((c) => (
            <button
              key={c.topic}
              type="button"
              className={styles.choice}
              data-topic={c.topic}
              disabled={busy}
              aria-label={t.choose(label(c.topic), percentText(c.p))}
              onClick={() => save.mutate(c.topic)}
            >
              {label(c.topic)} {percentText(c.p)}
            </button>
          ))}
          <select
            className={styles.other}
            aria-label={t.otherLabel}
            value={other}
            disabled={busy}
            onChange={(e) => setOther(e.target.value)}
            data-testid="topic-other"
          >
            <option value="">{t.other}</option>
            {TOPICS.map((x) => (
              <option key={x} value={x}>
                {TOPIC_LABELS[x].ru}
              </option>
            ))}
          </select>
          {/* A separate button: some browsers fire change while arrowing through a closed select. */}
          <button
            type="button"
            className={styles.choice}
            disabled={busy || !isTopic(other)}
            aria-label={t.pickLabel}
            onClick={() => isTopic(other) && save.mutate(other)}
          >
            {t.pick}
          </button>
        </div>
      )}
      {topicManual && (
        <>
          <span className={styles.manual} data-testid="topic-manual">
            {t.manual}
          </span>
          <button
            type="button"
            className={styles.link}
            disabled={busy}
            aria-label={t.toAutoLabel}
            onClick={() => save.mutate(null)}
          >
            {t.toAuto}
          </button>
        </>
      )}
      {busy && (
        <span className={styles.status} role="status">
          {t.saving}
        </span>
      )}
      {save.isError && (
        <span className={styles.error} role="alert">
          {t.failed(save.error.message)}
        </span>
      )}
    </div>
  );
}

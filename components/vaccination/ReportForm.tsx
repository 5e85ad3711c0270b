'use client';

import { useId, useState, type FormEvent } from 'react';
import type { Dictionary, Lang } from '@/lib/i18n/vaccination';
import { REPORT_COMMENT_MAX, REPORT_REASONS, type ReportReason } from '@/lib/points/reports';
import { sendReport, type ReportOutcome } from './api';
import styles from './vaccination.module.css';

/** "Report a mistake": a reason and an optional comment; no name or contact is asked for. */
export function ReportForm({
  t,
  lang,
  pointId,
  pointName,
  onClose,
}: {
  t: Dictionary;
  lang: Lang;
  pointId: number;
  pointName: string;
  onClose: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState<ReportReason>('wrong_hours');
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'idle' | 'sending' | ReportOutcome>('idle');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState('sending');
    setState(await sendReport({ point_id: pointId, reason, comment: comment.trim() || undefined, lang }));
  };
  if (state === 'sent') {
    return (
      <p className={styles.sent} role="status" data-testid="report-sent">
        {t.report.sent}
      </p>
    );
  }
  return (
    <form className={styles.report} onSubmit={submit} aria-labelledby={`${id}-h`} data-testid="report-form">
      <h4 id={`${id}-h`}>{t.report.heading(pointName)}</h4>
      <label htmlFor={`${id}-reason`}>{t.report.reason}</label>
      <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as ReportReason)}>
        {REPORT_REASONS.map((r) => (
          <option key={r} value={r}>
            {t.report.reasons[r]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-comment`}>{t.report.comment}</label>
      <textarea
        id={`${id}-comment`}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={REPORT_COMMENT_MAX}
        rows={3}
        aria-describedby={`${id}-privacy`}
      />
      <p id={`${id}-privacy`} className={styles.hint}>
        {t.report.privacy}
      </p>
      {(state === 'failed' || state === 'tooMany') && (
        <p className={styles.error} role="alert">
          {state === 'tooMany' ? t.report.tooMany : t.report.failed}
        </p>
      )}
      <div className={styles.searchRow}>
        <button type="submit" className={styles.primary} disabled={state === 'sending'}>
          {t.report.submit}
        </button>
        <button type="button" className={styles.secondary} onClick={onClose}>
          {t.report.cancel}
        </button>
      </div>
    </form>
  );
}

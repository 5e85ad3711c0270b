'use client';

import { useRef, useState } from 'react';
import { formatDayText, parseDayText } from '@/lib/render/dayText';
import styles from './mapui.module.css';

interface Props {
  name: string;
  label: string;
  value: string | null;
  min?: string | null;
  max?: string | null;
  onChange: (value: string | null) => void;
  text: { pick: string; format: string; invalid: string };
  testId: string;
}

/**
 * A date shown and typed as ДД.ММ.ГГГГ (an ISO day pasted from a link is taken too), the same in every browser
 * locale (a native date input shows the browser's format, e.g. MM/DD/YYYY), with the native calendar one click
 * away. `value` and `onChange` speak the request parameters' day, YYYY-MM-DD. Applies on blur or Enter.
 */
export function DateField({ name, label, value, min, max, onChange, text, testId }: Props) {
  const [draft, setDraft] = useState(formatDayText(value));
  const picker = useRef<HTMLInputElement>(null);
  // A new value from outside (the URL) replaces the draft: adjusted while rendering, not in an effect.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setDraft(formatDayText(value));
  }
  const parsed = draft === '' ? null : parseDayText(draft);
  const invalid = draft !== '' && parsed === null;
  const commit = () => {
    if (draft === '') onChange(null);
    else if (parsed !== null && parsed !== value) onChange(parsed);
    // A typed ISO day or 7.3.2025 is shown back the one way.
    if (parsed !== null) setDraft(formatDayText(parsed));
  };
  return (
    <label className={styles.dateField}>
      {label}
      {/* The text field and its calendar button stay side by side whether the label lays out in a row or a column. */}
      <span className={styles.dateInputs}>
        <input
          type="text"
          name={name}
          inputMode="numeric"
          placeholder={text.format}
          pattern="\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"
          size={10}
          value={draft}
          data-value={value ?? ''}
          aria-invalid={invalid}
          title={invalid ? text.invalid : text.format}
          onChange={(e) => setDraft(e.target.value.trim())}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
          data-testid={testId}
        />
        <button
          type="button"
          className={styles.datePick}
          aria-label={`${label}: ${text.pick}`}
          title={text.pick}
          onClick={() => picker.current?.showPicker?.()}
        >
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <rect x="1" y="2.5" width="12" height="10.5" rx="1.5" fill="none" stroke="currentColor" />
            <path d="M1 5.5h12M4 1v3M10 1v3" stroke="currentColor" />
          </svg>
        </button>
      </span>
      <input
        ref={picker}
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        className={styles.dateNative}
        value={value ?? ''}
        min={min ?? undefined}
        max={max ?? undefined}
        onChange={(e) => onChange(e.target.value || null)}
      />
    </label>
  );
}

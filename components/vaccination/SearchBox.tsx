'use client';

import { useState, type FormEvent } from 'react';
import type { Dictionary } from '@/lib/i18n/vaccination';
import styles from './vaccination.module.css';

export interface SearchBoxProps {
  t: Dictionary;
  busy: boolean;
  message: string | null;
  hasOrigin: boolean;
  onSearch: (query: string) => void;
  onNearMe: () => void;
  onClear: () => void;
}

/** Address search and "near me"; the outcome is announced in a polite live region. */
export function SearchBox({ t, busy, message, hasOrigin, onSearch, onNearMe, onClear }: SearchBoxProps) {
  const [query, setQuery] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (query.trim()) onSearch(query.trim());
  };
  return (
    <form role="search" className={styles.search} onSubmit={submit} aria-label={t.search.legend}>
      <label htmlFor="vaccination-address" className={styles.label}>
        {t.search.label}
      </label>
      <div className={styles.searchRow}>
        <input
          id="vaccination-address"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t.search.placeholder}
          autoComplete="street-address"
          maxLength={200}
        />
        <button type="submit" className={styles.primary} disabled={busy}>
          {t.search.submit}
        </button>
      </div>
      <div className={styles.searchRow}>
        <button type="button" className={styles.secondary} onClick={onNearMe} disabled={busy}>
          <span aria-hidden="true">◎ </span>
          {t.search.nearMe}
        </button>
        {hasOrigin && (
          <button
            type="button"
            className={styles.link}
            onClick={() => {
              setQuery('');
              onClear();
            }}
          >
            {t.search.clear}
          </button>
        )}
      </div>
      <p className={styles.searchStatus} role="status" aria-live="polite" data-testid="search-status">
        {message ?? ''}
      </p>
    </form>
  );
}

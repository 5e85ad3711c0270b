'use client';

import { useId, useState, type FormEvent } from 'react';
import { ApiError, postJson } from '@/components/ui/http';
import { APPEALS_RU } from '@/lib/i18n/appeals';
import { parseLatLon } from '@/lib/render/latLonText';
import type { AppealLocationState } from '@/lib/store/appealLocation';
import styles from './TopicChooser.module.css';

const t = APPEALS_RU.place;

/** Levels a person may fix here: unlocated, or placed to the street or settlement only (appeals.geocode_level). */
export const FIXABLE_LEVELS = ['none', 'street', 'settlement'];

/**
 * «Указать место» under an unlocated or coarse appeal of /appeals: an address (geocoded to its house) or «широта,
 * долгота», posted to POST /api/appeals/{id}/location; the answer, or the server's Russian refusal, is shown in the
 * row. The list is not re-rendered here: the result stays readable, and the row leaves location=none|coarse on refresh.
 */
export function LocationFixer({ id, level }: { id: number; level: string }) {
  const uid = useId();
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState('');
  const [latLon, setLatLon] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!FIXABLE_LEVELS.includes(level)) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    let body: { address: string } | { lat: number; lon: number };
    if (latLon.trim()) {
      const p = parseLatLon(latLon);
      if (!p) return setError(t.badLatLon);
      body = p;
    } else if (address.trim()) body = { address: address.trim() };
    else return setError(t.needOne);
    setBusy(true);
    try {
      const r = await postJson<AppealLocationState>(`/api/appeals/${id}/location`, body);
      const where = [r.matched ? t.byAddress(r.matched) : t.byPoint(r.lat, r.lon), r.municipality]
        .filter(Boolean)
        .join(', ');
      setSaved(t.saved(where));
      setOpen(false);
    } catch (err) {
      setError(t.failed(err instanceof ApiError || err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  };

  if (saved)
    return (
      <p className={styles.status} role="status" data-testid="location-saved">
        {saved}
      </p>
    );
  return (
    <div className={styles.chooser} data-testid="location-fixer">
      <span className={styles.flag} data-testid="location-level">
        {t.levels[level] ?? level}
      </span>
      {!open && (
        <button
          type="button"
          className={styles.choice}
          aria-expanded={false}
          aria-controls={`${uid}-form`}
          onClick={() => setOpen(true)}
          data-testid="location-open"
        >
          {t.open}
        </button>
      )}
      {open && (
        <form
          id={`${uid}-form`}
          aria-label={t.formLabel}
          onSubmit={submit}
          className={styles.chooser}
          data-testid="location-form"
        >
          <label htmlFor={`${uid}-address`}>{t.address}</label>
          <input
            id={`${uid}-address`}
            type="text"
            value={address}
            autoFocus
            disabled={busy}
            maxLength={300}
            autoComplete="off"
            onChange={(e) => setAddress(e.target.value)}
            data-testid="location-address"
          />
          <label htmlFor={`${uid}-latlon`}>{t.latLon}</label>
          <input
            id={`${uid}-latlon`}
            type="text"
            value={latLon}
            disabled={busy}
            inputMode="decimal"
            placeholder={t.latLonHint}
            aria-describedby={`${uid}-hint`}
            autoComplete="off"
            onChange={(e) => setLatLon(e.target.value)}
            data-testid="location-latlon"
          />
          <span id={`${uid}-hint`} hidden>
            {t.latLonHint}
          </span>
          <button type="submit" className={styles.choice} disabled={busy} data-testid="location-save">
            {t.save}
          </button>
          <button
            type="button"
            className={styles.link}
            disabled={busy}
            onClick={() => {
              setOpen(false);
              setError(null);
            }}
          >
            {t.cancel}
          </button>
        </form>
      )}
      {busy && (
        <span className={styles.status} role="status">
          {t.saving}
        </span>
      )}
      {error && (
        <span className={styles.error} role="alert" data-testid="location-error">
          {error}
        </span>
      )}
    </div>
  );
}

'use client';

import { useMemo, useState, type FormEvent } from 'react';
import { BUILDER_FIELDS, buildMapping, headerColumns, sourceFromName } from '@/lib/ingest/mappingBuilder';
import type { ImportDictionary } from '@/lib/i18n/adminImport';
import { discardUpload, startJob, uploadFile, type JobView, type ProfileView } from './api';
import css from './import.module.css';

const NONE = '';
const CUSTOM = '__custom';

/** File, kind, mapping profile (editable JSON); uploads, then starts the job and hands its id up. */
export function ImportForm({
  t,
  profiles,
  onStarted,
}: {
  t: ImportDictionary;
  profiles: ProfileView[];
  onStarted: (id: number) => void;
}) {
  const [kind, setKind] = useState<JobView['kind']>('appeals');
  const [profile, setProfile] = useState(NONE);
  const [mapping, setMapping] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<{ file: File; id: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [columns, setColumns] = useState<string[]>([]);
  const [picks, setPicks] = useState<Record<string, string>>({});
  const choices = useMemo(() => profiles.filter((p) => p.kind === kind), [profiles, kind]);

  const pick = (id: string) => {
    setProfile(id);
    const p = profiles.find((x) => x.id === id);
    setMapping(p ? JSON.stringify(p.mapping, null, 2) : id === CUSTOM ? mapping : '');
  };

  // The server keeps a failed import's upload for a retry; another file means that one is no longer wanted.
  const discard = () => {
    if (upload) void discardUpload(upload.id).catch(() => undefined);
    setUpload(null);
  };

  // A CSV's header, read in the browser from its first 64 KB (UTF-8, else Windows-1251), offers its columns to pick.
  const readColumns = async (f: File | null) => {
    setColumns([]);
    setPicks({});
    if (!f || !/\.(csv|txt|tsv)$/i.test(f.name)) return;
    const bytes = await f.slice(0, 64 * 1024).arrayBuffer();
    let text = new TextDecoder('utf-8').decode(bytes);
    if (text.includes('\uFFFD')) text = new TextDecoder('windows-1251').decode(bytes);
    setColumns(headerColumns(text));
  };

  const pickColumn = (field: string, column: string) => {
    const next = { ...picks, [field]: column };
    setPicks(next);
    setMapping(buildMapping(mapping, sourceFromName(file?.name ?? ''), next));
    setProfile(CUSTOM);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!file) return setError(t.form.chooseFile);
    let parsed: unknown = null;
    if (mapping.trim()) {
      try {
        parsed = JSON.parse(mapping);
      } catch (err) {
        return setError(t.form.badJson((err as Error).message));
      }
    }
    try {
      // A mapping fixed after an error reuses the file already uploaded.
      let id = upload?.file === file ? upload.id : null;
      if (!id) {
        setBusy(t.form.uploading(0));
        id = (await uploadFile(file, (f) => setBusy(t.form.uploading(Math.round(f * 100))))).upload;
        setUpload({ file, id });
      }
      onStarted(await startJob(id, kind, parsed));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <form className={css.form} onSubmit={submit} aria-describedby={error ? 'import-error' : undefined}>
      <fieldset>
        <legend>{t.form.legend}</legend>
        <div className="form-row">
          <label>
            {t.form.file}
            {/* Our own button and file name: the browser's field speaks its UI language («Choose File»). */}
            <span className={css.filePick}>
              <input
                type="file"
                name="file"
                accept=".csv,.txt,.tsv,.json,.ndjson,.jsonl,.geojson"
                className={css.fileInput}
                onChange={(e) => {
                  const f = e.target.files?.[0] ?? null;
                  setFile(f);
                  discard();
                  void readColumns(f);
                }}
              />
              <span className={css.fileButton} aria-hidden="true">
                {t.form.pickFile}
              </span>
              <span className={css.fileName} data-testid="import-file-name">
                {file?.name ?? t.form.noFile}
              </span>
            </span>
          </label>
          <label>
            {t.form.kind}
            <select
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as JobView['kind']);
                pick(NONE);
              }}
            >
              {(Object.keys(t.form.kinds) as JobView['kind'][]).map((k) => (
                <option key={k} value={k}>
                  {t.form.kinds[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.form.profile}
            <select value={profile} onChange={(e) => pick(e.target.value)}>
              <option value={NONE}>{t.form.noProfile}</option>
              {choices.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.id})
                </option>
              ))}
              <option value={CUSTOM}>{t.form.custom}</option>
            </select>
          </label>
        </div>
        {columns.length > 0 && (
          <details className={css.builder} data-testid="mapping-builder" open>
            <summary>{t.form.builder}</summary>
            <div className={css.builderGrid}>
              {BUILDER_FIELDS[kind].map((field) => (
                <label key={field}>
                  {t.form.fieldNames[field] ?? field}
                  <select
                    value={picks[field] ?? ''}
                    onChange={(e) => pickColumn(field, e.target.value)}
                    data-field={field}
                  >
                    <option value="">—</option>
                    {columns.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </details>
        )}
        <label className={css.mapping}>
          {t.form.mapping}
          <textarea
            value={mapping}
            rows={10}
            spellCheck={false}
            placeholder="{ }"
            onChange={(e) => {
              setMapping(e.target.value);
              if (profile !== CUSTOM && e.target.value) setProfile(CUSTOM);
            }}
          />
          <span className="muted">{t.form.mappingHint}</span>
        </label>
        <div className="form-row">
          <button type="submit" className="primary" disabled={!!busy}>
            {t.form.start}
          </button>
          {busy && <span role="status">{busy}</span>}
        </div>
        {error && (
          <p id="import-error" className="error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
    </form>
  );
}

'use client';

import { roadsDictionary } from '@/lib/i18n/roads';
import { PARTS, type Weights } from '@/lib/roads/types';
import { PART_COLORS } from './PriorityTable';
import styles from './roads.module.css';

const t = roadsDictionary('ru');

export interface WeightsEditorProps {
  draft: Weights;
  stored: Weights;
  defaults: Weights;
  /** Whose weights these are (null: the global default) and whether that owner has saved its own. */
  owner: string | null;
  own: boolean;
  facilities: boolean;
  canEdit: boolean;
  moved: number;
  saving: boolean;
  message: string | null;
  onChange: (w: Weights) => void;
  onSave: () => void;
}

/** The formula, each part's rule and weight; changing a weight re-ranks the table at once (saved only on request). */
export function WeightsEditor({
  draft,
  stored,
  defaults,
  owner,
  own,
  facilities,
  canEdit,
  moved,
  saving,
  message,
  onChange,
  onSave,
}: WeightsEditorProps) {
  const dirty = PARTS.some((p) => draft[p] !== stored[p]);
  return (
    <section className={styles.weights} aria-labelledby="weights-h">
      <h2 id="weights-h">{t.lists.score}</h2>
      <p data-testid="weights-scope">
        <strong>{owner ? `Веса для владельца «${t.owners[owner] ?? owner}»` : 'Веса по умолчанию'}</strong>
        <span className="muted">
          {owner
            ? own
              ? ' — свои веса владельца; другие владельцы их не видят.'
              : ' — пока свои не сохранены, действуют веса по умолчанию.'
            : ' — для списка всех владельцев и для владельцев без своих весов; меняет только администратор.'}
        </span>
      </p>
      <p className={styles.formula} data-testid="formula">
        {t.formula}
      </p>
      <table className={styles.weightsTable}>
        <thead>
          <tr>
            <th>Часть</th>
            <th>Вес</th>
            <th>Как считается</th>
          </tr>
        </thead>
        <tbody>
          {PARTS.map((p) => (
            <tr key={p}>
              <td>
                <span className={styles.swatch} style={{ background: PART_COLORS[p] }} />
                {t.parts[p].label}
              </td>
              <td>
                <input
                  type="number"
                  min={0}
                  max={100}
                  step={0.5}
                  value={draft[p]}
                  aria-label={`Вес: ${t.parts[p].label}`}
                  data-testid={`weight-${p}`}
                  onChange={(e) => onChange({ ...draft, [p]: Math.max(0, Math.min(100, Number(e.target.value) || 0)) })}
                />
              </td>
              <td className="muted">
                {t.parts[p].how}
                {p === 'facilities' && !facilities ? ' (сейчас слоя нет)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted" data-testid="weights-effect">
        {dirty
          ? `С этими весами место меняется у ${moved} участков (▲ — выше, ▼ — ниже).`
          : 'Измените вес — таблица сразу покажет, как сдвинутся места.'}
      </p>
      <div className={styles.buttons}>
        {canEdit && (
          <button type="button" className="primary" disabled={!dirty || saving} onClick={onSave}>
            Сохранить веса
          </button>
        )}
        <button type="button" disabled={!dirty} onClick={() => onChange(stored)}>
          Отменить изменения
        </button>
        <button type="button" onClick={() => onChange(defaults)}>
          {owner ? 'Взять веса по умолчанию' : 'Встроенные веса'}
        </button>
        {!canEdit && (
          <span className="muted">Сохранять веса могут администратор и дорожная служба; здесь — только просмотр.</span>
        )}
        {message && <span role="status">{message}</span>}
      </div>
    </section>
  );
}

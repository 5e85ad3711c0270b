import type { MapText } from '@/lib/i18n/map';
import type { LegendClass } from '@/lib/render/colorScale';
import type { DiffClass } from '@/lib/render/compare';
import { PLAN_COLORS, PLAN_STATUSES, ROAD_PER_KM_CLASSES } from '@/lib/render/layerStyles';
import { LAYER_IDS, type LayerId } from '@/lib/render/urlState';
import styles from './mapui.module.css';

export interface LayerPanelProps {
  t: MapText;
  layers: readonly LayerId[];
  onToggle: (id: LayerId, on: boolean) => void;
  countLegend: readonly LegendClass[];
  /** Classes of the period-vs-period map when it replaces the counts. */
  diffLegend: readonly DiffClass[] | null;
  empty: boolean;
  zoom: number | null;
  tilesMissing: { appeals: boolean; roads: boolean };
}

const fmt = (n: number, locale: string) => new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' }).format(n);

function rangeLabel(from: number | null, to: number | null, t: MapText, signed = false): string {
  const f = (n: number) => (signed ? fmt(n, t.locale) : String(n));
  if (from === null) return `${f(to as number)} ${t.andLess}`;
  if (to === null) return `${f(from)} ${t.andMore}`;
  return from === to ? f(from) : `${f(from)} … ${f(to)}`;
}

function Swatches({ rows, line = false }: { rows: { key: string; color: string; label: string }[]; line?: boolean }) {
  return (
    <ul className={styles.legendRows}>
      {rows.map((r) => (
        <li key={r.key}>
          <span
            className={line ? styles.lineSwatch : styles.swatch}
            style={{ background: r.color }}
            aria-hidden="true"
          />
          {r.label}
        </li>
      ))}
    </ul>
  );
}

function LayerLegend({ id, p }: { id: LayerId; p: LayerPanelProps }) {
  const { t } = p;
  switch (id) {
    case 'hex':
      if (p.diffLegend) {
        return (
          <div data-testid="legend-compare">
            <p className={styles.legendTitle}>{t.compareLegend}</p>
            <Swatches
              rows={p.diffLegend.map((c) => ({
                key: `${c.from}`,
                color: c.color,
                label: rangeLabel(c.from, c.to, t, true),
              }))}
            />
          </div>
        );
      }
      return (
        <div data-testid="legend-hex">
          <p className={styles.legendTitle}>{t.legendCells}</p>
          {p.empty ? (
            <p className="muted">{t.legendEmpty}</p>
          ) : (
            <Swatches
              rows={p.countLegend.map((c) => ({
                key: `${c.from}`,
                color: c.color,
                label: rangeLabel(c.from, c.to, t),
              }))}
            />
          )}
        </div>
      );
    case 'heat':
      return (
        <div className={styles.heatRamp} aria-label={t.legendHeat}>
          <span>{t.legendHeat}</span>
        </div>
      );
    case 'roads':
      return (
        <div>
          <p className={styles.legendTitle}>{t.legendPerKm}</p>
          <Swatches
            line
            rows={ROAD_PER_KM_CLASSES.map((c) => ({
              key: `${c.from}`,
              color: c.color,
              label: c.to === null ? `${c.from} ${t.andMore}` : `${c.from} … ${c.to}`,
            }))}
          />
        </div>
      );
    case 'plans':
      return (
        <Swatches line rows={PLAN_STATUSES.map((s) => ({ key: s, color: PLAN_COLORS[s], label: t.planNames[s] }))} />
      );
    case 'points':
      return (
        <Swatches
          rows={[
            { key: 'a', color: '#b4361c', label: t.pointsLegend.appeal },
            { key: 'g', color: '#16a34a', label: t.pointsLegend.gratitude },
          ]}
        />
      );
    case 'vacc':
      return <Swatches rows={[{ key: 'v', color: '#0f766e', label: t.vaccLegend }]} />;
    case 'bounds':
      return (
        <Swatches
          line
          rows={[
            { key: 'r', color: '#2d3748', label: t.boundsLegend.region },
            { key: 'm', color: '#4a5568', label: t.boundsLegend.municipality },
          ]}
        />
      );
  }
}

/** One switch per layer, each with its legend while it is on. Drawing order, top first. */
export function LayerPanel(p: LayerPanelProps) {
  const { t } = p;
  const note = (id: LayerId): string | null => {
    if ((id === 'roads' || id === 'plans') && p.tilesMissing.roads) return t.layerUnavailable;
    if (id === 'points' && p.tilesMissing.appeals) return t.layerUnavailable;
    if (id === 'points' && p.zoom !== null && p.zoom < 15) return t.layerZoomHint;
    return null;
  };
  return (
    <fieldset className={styles.layers}>
      <legend>{t.layers}</legend>
      <ul>
        {[...LAYER_IDS].reverse().map((id) => {
          const on = p.layers.includes(id);
          const hint = note(id);
          return (
            <li key={id} data-testid={`layer-row-${id}`}>
              <label className="toggle">
                <input
                  type="checkbox"
                  role="switch"
                  checked={on}
                  onChange={(e) => p.onToggle(id, e.target.checked)}
                  data-testid={`layer-${id}`}
                />
                {t.layerNames[id]}
              </label>
              {on && hint && <p className={styles.hint}>{hint}</p>}
              {on && <LayerLegend id={id} p={p} />}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

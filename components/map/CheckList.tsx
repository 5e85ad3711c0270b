import styles from './mapui.module.css';

interface Props<T extends string> {
  name: string;
  legend: string;
  options: readonly { code: T; label: string }[];
  /** null: every option (no filter). */
  selected: readonly T[] | null;
  onChange: (next: T[] | null) => void;
  allLabel: string;
}

/** A collapsible list of checkboxes for one vocabulary; all ticked means no filter. */
export function CheckList<T extends string>({ name, legend, options, selected, onChange, allLabel }: Props<T>) {
  const isOn = (code: T) => selected === null || selected.includes(code);
  const toggle = (code: T) => {
    const current = selected ?? options.map((o) => o.code);
    const next = isOn(code) ? current.filter((c) => c !== code) : [...current, code];
    onChange(next.length === options.length ? null : next);
  };
  const count = selected === null ? allLabel : `${selected.length}/${options.length}`;
  return (
    <details className={styles.checklist} data-testid={`${name}-filter`}>
      <summary>
        {legend}: <span className="muted">{count}</span>
      </summary>
      <ul>
        {options.map(({ code, label }) => (
          <li key={code}>
            <label>
              <input
                type="checkbox"
                name={name}
                value={code}
                checked={isOn(code)}
                onChange={() => toggle(code)}
                data-testid={`${name}-${code}`}
              />
              {label}
            </label>
          </li>
        ))}
      </ul>
    </details>
  );
}

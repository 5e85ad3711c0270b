import type { Topic } from '@/lib/domain/vocab';
import type { MapText } from '@/lib/i18n/map';

export interface TopicOption {
  code: Topic;
  label: string;
}

interface Props {
  t: MapText;
  options: readonly TopicOption[];
  selected: readonly Topic[];
  onChange: (next: Topic[]) => void;
}

/** Topic checkboxes with shortcuts; the order of `selected` does not matter. */
export function TopicFilter({ t, options, selected, onChange }: Props) {
  const isOn = (code: Topic) => selected.includes(code);
  const toggle = (code: Topic) => onChange(isOn(code) ? selected.filter((t) => t !== code) : [...selected, code]);
  return (
    <fieldset className="topics">
      <legend>{t.topics}</legend>
      <div className="chip-row">
        <button type="button" onClick={() => onChange(options.map((o) => o.code))} data-testid="topics-all">
          {t.all}
        </button>
        <button type="button" onClick={() => onChange(['roads'])} data-testid="topics-only-roads">
          {t.onlyRoads}
        </button>
        <button type="button" onClick={() => onChange([])} data-testid="topics-none">
          {t.none}
        </button>
      </div>
      <ul>
        {options.map(({ code, label }) => (
          <li key={code}>
            <label>
              <input
                type="checkbox"
                name="topic"
                value={code}
                checked={isOn(code)}
                onChange={() => toggle(code)}
                data-testid={`topic-${code}`}
              />
              {label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

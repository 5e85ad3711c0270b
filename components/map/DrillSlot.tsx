import type { AppealFilter } from '@/lib/domain/filters';
import type { Selection } from '@/lib/render/urlState';
import { DrillDown } from './DrillDown';
import { ExportMenu } from './ExportMenu';

interface Props {
  filter: AppealFilter;
  selection: Selection | null;
  onClose: () => void;
}

/** The drill-down of the selected cell, segment or appeal, at the top of the side panel. */
export function DrillSlot({ filter, selection, onClose }: Props) {
  if (!selection) return null;
  return <DrillDown filter={filter} target={selection} onClose={onClose} />;
}

/** Downloads of exactly the current filter. */
export function ExportSlot({ filter }: { filter: AppealFilter }) {
  return (
    <section data-testid="export-slot">
      <ExportMenu filter={filter} />
    </section>
  );
}

'use client';

/** Opens the browser's print dialog, where "Save as PDF" is one of the printers. Hidden in print. */
export function PrintButton({ className }: { className?: string }) {
  return (
    <button type="button" className={className} onClick={() => window.print()}>
      Печать / сохранить в PDF
    </button>
  );
}

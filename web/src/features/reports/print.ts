// The printed page (print.css): A4 with these margins, so a chart printed across the page is
// this wide. Charts are sized in CSS pixels (96 per inch).
export const PAGE_MM = { width: 210, height: 297 };
export const MARGIN_MM = 14;
/** a chart keeps its height on paper and spans the page's width */
export const PRINT_CHART_MM = { width: PAGE_MM.width - 2 * MARGIN_MM };

const mmToPx = (mm: number) => Math.floor((mm * 96) / 25.4);
export const PRINT_CHART_PX = { width: mmToPx(PRINT_CHART_MM.width) };

/**
 * Calls `listener(true)` as printing starts and `listener(false)` when it is over: the window's
 * beforeprint/afterprint, and the print media query (what a PDF printed without those events
 * switches). Returns the way to stop.
 */
export function onPrintChange(listener: (printing: boolean) => void): () => void {
  const before = () => listener(true);
  const after = () => listener(false);
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  const media = typeof window.matchMedia === 'function' ? window.matchMedia('print') : null;
  const change = (e: MediaQueryListEvent) => listener(e.matches);
  media?.addEventListener?.('change', change);
  return () => {
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
    media?.removeEventListener?.('change', change);
  };
}

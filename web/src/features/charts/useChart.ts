import { inject, onBeforeUnmount, onMounted, shallowRef, watch, type InjectionKey, type Ref, type ShallowRef } from 'vue';
import { createCoalescer } from './coalesce';
import { init, WALL_THEME, type EChartsType, type WallChartOption } from './echarts';

/** The CSS scale of the design canvas the charts sit in (the wall: 2 on a 3840×2160 screen). */
export const CANVAS_SCALE: InjectionKey<Readonly<Ref<number>>> = Symbol('canvasScale');

export interface UseChartOptions {
  /** at most one setOption per this many ms (default 1000: the wall updates every second) */
  minIntervalMs?: number;
  /** replace the whole option instead of merging (for charts whose series come and go) */
  notMerge?: boolean;
}

// the highest backing-store density we allocate: 3840×2160 at scale 2 is 2, a 4K wall on a HiDPI
// desktop could ask for more memory than a day-long page should hold
const MAX_PIXEL_RATIO = 4;

export function canvasSupported(): boolean {
  try {
    return typeof document !== 'undefined' && document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/**
 * One ECharts instance on an element for the life of the component: created on mount with a
 * pixel ratio that includes the canvas scale (a chart drawn at ratio 1 and scaled ×2 by a CSS
 * transform is blurry), re-created when that scale changes, resized with its element, given a new
 * option at most once per interval, and disposed on unmount.
 */
export function useChart(el: Readonly<ShallowRef<HTMLElement | null>>, option: () => WallChartOption | null, opts: UseChartOptions = {}) {
  const scale = inject(CANVAS_SCALE, shallowRef(1));
  const chart = shallowRef<EChartsType | null>(null);
  const notMerge = opts.notMerge ?? false;
  let observer: ResizeObserver | null = null;
  let resizeFrame: number | null = null;
  let appliedRatio = 0;

  const pixelRatio = () => Math.min(MAX_PIXEL_RATIO, Math.max(1, (window.devicePixelRatio || 1) * scale.value));

  const updater = createCoalescer(() => {
    const c = chart.value;
    const next = option();
    if (!c || !next) return;
    c.setOption(next, { notMerge, lazyUpdate: true, silent: true });
  }, opts.minIntervalMs ?? 1000);

  function create(): void {
    const dom = el.value;
    if (!dom || !canvasSupported()) return;
    appliedRatio = pixelRatio();
    chart.value = init(dom, WALL_THEME, { renderer: 'canvas', devicePixelRatio: appliedRatio });
    // a new instance starts blank: draw now, not a second later
    updater.request();
    updater.flush();
  }

  function destroy(): void {
    chart.value?.dispose();
    chart.value = null;
  }

  onMounted(() => {
    create();
    if (el.value && typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => {
        if (resizeFrame !== null) return;
        resizeFrame = requestAnimationFrame(() => {
          resizeFrame = null;
          chart.value?.resize();
        });
      });
      observer.observe(el.value);
    }
  });

  watch(option, () => updater.request());

  // the canvas scale (window size) changed: the backing store must follow, or text goes soft
  watch(scale, () => {
    if (!chart.value || Math.abs(pixelRatio() - appliedRatio) < 0.01) return;
    destroy();
    create();
  });

  onBeforeUnmount(() => {
    updater.dispose();
    observer?.disconnect();
    observer = null;
    if (resizeFrame !== null) cancelAnimationFrame(resizeFrame);
    destroy();
  });

  return { chart, pixelRatio };
}

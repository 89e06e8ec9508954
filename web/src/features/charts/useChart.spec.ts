import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, shallowRef } from 'vue';
import { mount } from '@vue/test-utils';
import type { WallChartOption } from './echarts';

interface FakeChart {
  opts: { devicePixelRatio: number };
  setOption: ReturnType<typeof vi.fn>;
  resize: ReturnType<typeof vi.fn>;
  dispose: ReturnType<typeof vi.fn>;
}
const made: FakeChart[] = [];
vi.mock('./echarts', () => ({
  WALL_THEME: 'wall-dark',
  init: (_dom: HTMLElement, _theme: string, opts: { devicePixelRatio: number }) => {
    const chart: FakeChart = { opts, setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() };
    made.push(chart);
    return chart;
  },
}));

const { CANVAS_SCALE, useChart } = await import('./useChart');

describe('useChart', () => {
  beforeEach(() => {
    made.length = 0;
    vi.useFakeTimers();
    // happy-dom draws nothing: pretend a 2d context exists so the chart is made
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as CanvasRenderingContext2D);
    vi.stubGlobal('devicePixelRatio', 1);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function mountChart(scale: number) {
    const canvasScale = shallowRef(scale);
    const option = shallowRef<WallChartOption | null>({ series: [] });
    const Chart = defineComponent({
      setup() {
        const el = shallowRef<HTMLElement | null>(null);
        useChart(el, () => option.value);
        return () => h('div', { ref: el });
      },
    });
    const wrapper = mount(Chart, { global: { provide: { [CANVAS_SCALE as symbol]: canvasScale } } });
    return { wrapper, canvasScale, option };
  }

  it('draws the backing store at the device pixel ratio times the canvas scale, and again when the scale changes', async () => {
    const { wrapper, canvasScale } = mountChart(2);
    expect(made).toHaveLength(1);
    expect(made[0]!.opts.devicePixelRatio).toBe(2); // 3840×2160: the 1920×1080 canvas at ×2
    expect(made[0]!.setOption).toHaveBeenCalledTimes(1);

    canvasScale.value = 1;
    await nextTick();
    expect(made[0]!.dispose).toHaveBeenCalled();
    expect(made).toHaveLength(2);
    expect(made[1]!.opts.devicePixelRatio).toBe(1);
    // the new instance draws the current option at once
    expect(made[1]!.setOption).toHaveBeenCalledTimes(1);

    // a scale that gives the same ratio does not re-create
    canvasScale.value = 1.001;
    await nextTick();
    expect(made).toHaveLength(2);
    wrapper.unmount();
  });

  it('sets options at most once a second, the latest last, and lets go of everything on unmount', async () => {
    const { wrapper, option } = mountChart(1);
    const chart = made[0]!;
    for (let i = 0; i < 30; i++) {
      option.value = { series: [{ type: 'line', data: [i] }] };
      await nextTick();
      vi.advanceTimersByTime(20);
    }
    // 600 ms of updates: none applied yet beyond the first draw
    expect(chart.setOption).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(400);
    expect(chart.setOption).toHaveBeenCalledTimes(2);
    expect(chart.setOption.mock.calls[1]![0]).toEqual({ series: [{ type: 'line', data: [29] }] });
    expect(chart.setOption.mock.calls[1]![1]).toMatchObject({ lazyUpdate: true });

    option.value = { series: [] };
    await nextTick();
    wrapper.unmount();
    expect(chart.dispose).toHaveBeenCalledTimes(1);
    // nothing waiting fires after unmount
    vi.advanceTimersByTime(5000);
    expect(chart.setOption).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('makes no chart where there is no canvas', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const { wrapper } = mountChart(1);
    expect(made).toHaveLength(0);
    wrapper.unmount();
  });
});

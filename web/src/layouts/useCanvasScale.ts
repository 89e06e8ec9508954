import { computed, getCurrentScope, onScopeDispose, shallowRef } from 'vue';

// A fixed design canvas scaled to fit the window (GoView's preview scale): letterboxed,
// centred, recomputed on a throttled resize.
export function useCanvasScale(width = 1920, height = 1080, throttleMs = 100) {
  const size = shallowRef({ w: width, h: height });
  let timer: ReturnType<typeof setTimeout> | null = null;

  function measure() {
    size.value = { w: window.innerWidth || width, h: window.innerHeight || height };
  }
  function onResize() {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      measure();
    }, throttleMs);
  }

  measure();
  window.addEventListener('resize', onResize);
  if (getCurrentScope()) {
    onScopeDispose(() => {
      window.removeEventListener('resize', onResize);
      if (timer !== null) clearTimeout(timer);
    });
  }

  const scale = computed(() => Math.min(size.value.w / width, size.value.h / height));
  const style = computed(() => {
    const s = scale.value;
    const x = (size.value.w - width * s) / 2;
    const y = (size.value.h - height * s) / 2;
    return {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${x}px, ${y}px) scale(${s})`,
    };
  });
  return { scale, style };
}

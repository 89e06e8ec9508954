import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { LOCALE_KEY, LOCALES, isLocale, type Locale } from './index';

// The language switch: global, remembered in localStorage.
export function useLocale() {
  const { locale } = useI18n({ useScope: 'global' });
  const current = computed<Locale>(() => (isLocale(locale.value) ? locale.value : 'zh-CN'));

  function set(next: Locale): void {
    locale.value = next;
    document.documentElement.lang = next;
    try {
      localStorage.setItem(LOCALE_KEY, next);
    } catch {
      // private mode: the choice lasts for this visit only
    }
  }

  return { locale: current, locales: LOCALES, set };
}

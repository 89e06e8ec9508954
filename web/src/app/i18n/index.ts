import { createI18n } from 'vue-i18n';
import { zhCN } from './zh-CN';
import { en } from './en';

export type MessageSchema = typeof zhCN;

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_KEY = 'jointduty.locale';

export const messages: Record<Locale, MessageSchema> = { 'zh-CN': zhCN, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(LOCALE_KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

// the instance made last (main.ts makes the app's), for texts chosen outside components
let current: AppI18n | null = null;

export function createAppI18n(locale: Locale = storedLocale()) {
  const i18n = createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages,
    missingWarn: import.meta.env.DEV,
    fallbackWarn: import.meta.env.DEV,
  });
  current = i18n;
  return i18n;
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/** The app's i18n where no component is at hand (error texts in stores and composables). */
export function appI18n(): AppI18n {
  return current ?? createAppI18n();
}

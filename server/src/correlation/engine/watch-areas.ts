import type { Profile } from '../../config/config.schema';
import { normalizeText } from './text/segmenter';

/** The watch area of a profile that a record's texts name, if any (the first listed wins). */
export function watchAreaIn(profile: Profile | null | undefined, texts: Array<string | null | undefined>): string | null {
  if (!profile) return null;
  const norm = normalizeText(texts.filter(Boolean).join(' '));
  for (const area of profile.watchAreas) if (area.words.some((w) => norm.includes(normalizeText(w)))) return area.name;
  return null;
}

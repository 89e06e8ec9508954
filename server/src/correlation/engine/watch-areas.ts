import type { Profile } from '../../config/config.schema';
import { normalizeText } from './text/segmenter';

/** The watch area of a profile that a record's texts name, if any (the first listed wins). */
export function watchAreaIn(profile: Profile | null | undefined, texts: Array<string | null | undefined>): string | null {
  if (!profile) return null;
  return watchAreaInText(profile, normalizeText(texts.filter(Boolean).join(' ')));
}

// each profile's area words, normalized once
const areaWords = new WeakMap<Profile, Array<{ name: string; words: string[] }>>();

/** watchAreaIn() of the texts already joined by spaces and normalized (normalizeText). */
export function watchAreaInText(profile: Profile | null | undefined, norm: string): string | null {
  if (!profile) return null;
  let areas = areaWords.get(profile);
  if (!areas) {
    areas = profile.watchAreas.map((a) => ({ name: a.name, words: a.words.map(normalizeText) }));
    areaWords.set(profile, areas);
  }
  for (const area of areas) if (area.words.some((w) => norm.includes(w))) return area.name;
  return null;
}

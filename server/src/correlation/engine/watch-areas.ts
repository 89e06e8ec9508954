import type { Profile } from '../../config/config.schema';
import { normalizeText } from './text/segmenter';

// each profile's area words, normalized once
const areaWords = new WeakMap<Profile, Array<{ name: string; words: string[] }>>();

/**
 * The watch area of a profile that a record's text names, if any (the first listed wins): `norm`
 * is the record's texts joined by spaces and normalized (normalizeText), as its reading holds them.
 */
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

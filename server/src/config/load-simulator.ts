import { ALARM_TYPES, APPEAL_TYPES, CONSUMER_KINDS, type ReplyResult } from '@jointduty/shared';
import type { CityFile } from './config.schema';
import type { ConfigFiles } from './read-files';
import {
  CITY_SLOT,
  EPISODE_SLOTS,
  simulatorSchema,
  STORY_SLOTS,
  TONES,
  type PlaceTag,
  type SimulatorConfig,
  type UnitsSettings,
} from './simulator.schema';

// The place tags the episodes ask for by themselves (a poisoning at a night market, a viral post
// on a beach, a grumble about a scenic spot, a barbecue among homes).
const EPISODE_TAGS: readonly PlaceTag[] = ['night', 'beach', 'scenic', 'residential'];
// a choice [a|b] as the generator reads it: brackets holding a bar, not nested
const CHOICE = /\[[^[\]]*\|[^[\]]*\]/g;
const SLOT = /\{(\w+)\}/g;
// the fields of the episodes that are words or kinds, not templates
const EPISODE_WORDS = new Set(['dishes', 'hospitals', 'alarmType', 'appealType', 'kind', 'industry']);

// The checks of simulator.yaml against city.yaml and within itself that its schema cannot make:
// every district is the city's, every tag a story asks for is on a place, every kind of record has
// a story, and every template asks only for slots the generator fills.
export function simulatorProblems(sim: SimulatorConfig, city: CityFile | undefined, simLabel: string, cityLabel: string): string[] {
  const problems: string[] = [];
  const at = (field: string, why: string) => problems.push(`${simLabel}: ${field}: ${why}`);

  // ---- districts and places
  const cityDistricts = new Set(city?.districts.map((d) => d.name));
  const names = new Set<string>();
  sim.districts.forEach((d, i) => {
    if (city && !cityDistricts.has(d.name)) at(`districts[${i}].name`, `${d.name} is not a district of ${cityLabel}`);
    if (names.has(d.name)) at(`districts[${i}].name`, `${d.name} appears twice`);
    names.add(d.name);
  });
  if (sim.districts.filter((d) => d.core).length < 2) {
    at('districts', 'at least two districts must be core: true (rides and chain stores go between them)');
  }
  for (const [kind, style] of Object.entries(sim.merchants)) {
    style.districts?.forEach((name, j) => {
      if (!names.has(name)) at(`merchants.${kind}.districts[${j}]`, `${name} is not one of districts`);
    });
  }
  const tags = new Set(sim.districts.flatMap((d) => d.places.flatMap((p) => p.tags)));
  for (const tag of EPISODE_TAGS) if (!tags.has(tag)) at('districts', `no place has the tag ${tag} (the episodes need one)`);
  for (const [field, list] of storyBanks(sim)) {
    list.forEach((s, i) => {
      if (s.place && !tags.has(s.place)) at(`${field}[${i}].place`, `no place of districts has the tag ${s.place}`);
    });
  }

  // ---- a story for every kind of record the generator draws
  const coverage: Array<[string, readonly string[], readonly string[], string]> = [
    ['hotline.stories', APPEAL_TYPES, sim.hotline.stories.map((s) => s.appealType), 'appealType'],
    ['consumer.stories', CONSUMER_KINDS, sim.consumer.stories.map((s) => s.kind), 'kind'],
    ['police.stories', ALARM_TYPES.filter((t) => t !== '群体性事件'), sim.police.stories.map((s) => s.alarmType), 'alarmType'],
    ['posts.stories', TONES, sim.posts.stories.map((s) => s.tone), 'tone'],
  ];
  for (const [field, wanted, have, what] of coverage) {
    for (const v of wanted) if (!have.includes(v)) at(field, `no story of ${what} ${v} (every one needs at least one)`);
  }
  sim.police.mass.forEach((s, i) => {
    if (s.alarmType !== '群体性事件') at(`police.mass[${i}].alarmType`, `must be 群体性事件 (got ${s.alarmType})`);
  });
  sim.police.harm.forEach((s, i) => {
    if ((s.casualties?.[0] ?? 0) < 3) {
      at(`police.harm[${i}].casualties`, 'must start at 3 or more (these stories hurt several people at once)');
    }
  });
  for (const [type, list] of Object.entries(sim.hotline.closers)) {
    if (!list.some((c) => c !== '')) at(`hotline.closers.${type}`, 'must hold at least one closer that is not empty');
  }

  // ---- templates
  const constants = new Set([CITY_SLOT, ...Object.keys(sim.localWords)]);
  for (const [key, value] of Object.entries(sim.localWords)) {
    if ((STORY_SLOTS as readonly string[]).includes(key) || (EPISODE_SLOTS as readonly string[]).includes(key) || key === CITY_SLOT) {
      at(`localWords.${key}`, 'is a slot the generator fills itself: choose another name');
    }
    if (/[{}[\]|]/.test(value)) at(`localWords.${key}`, 'must be a plain word (no { } [ ] |)');
  }
  const story = new Set([...constants, ...STORY_SLOTS]);
  const episode = new Set([...story, ...EPISODE_SLOTS]);
  for (const [field, value, allowed] of templatesOf(sim, { constants, story, episode })) {
    const why = templateProblem(value, allowed);
    if (why) at(field, why);
  }
  if (sim.units) problems.push(...unitsProblems(sim.units).map((p) => `${simLabel}: units.${p}`));
  return problems;
}

// The simulated units' settings across fields: every result a reply may take has default notes,
// and duty's calling hours are a window.
function unitsProblems(u: UnitsSettings): string[] {
  const problems: string[] = [];
  const fallback = u.notes.reply.default;
  if (!fallback) problems.push('notes.reply.default: missing (the notes of categories not listed)');
  // a reply after a reopened order was handled again is 已解决
  const results = new Set([...Object.keys(u.reply.results).filter((r) => (u.reply.results[r as ReplyResult] ?? 0) > 0), '已解决']);
  for (const r of results) {
    if (fallback && !fallback[r as ReplyResult]) problems.push(`notes.reply.default.${r}: missing (replies may be ${r})`);
  }
  const [from, until] = u.followup.hours;
  if (from >= until) problems.push(`followup.hours: must be [from, until) with from < until (got [${from}, ${until}])`);
  return problems;
}

// What is wrong with a template given the slots it may use, or null.
export function templateProblem(template: string, allowed: ReadonlySet<string>): string | null {
  const unknown = [...template.matchAll(SLOT)].map((m) => m[1]!).filter((s) => !allowed.has(s));
  if (unknown.length > 0) return `{${unknown[0]}} is not a slot the simulator fills here`;
  const rest = template.replace(CHOICE, '').replace(SLOT, '');
  if (/[[\]|]/.test(rest)) return 'has a [ ] or | outside a choice [a|b] (choices are not nested)';
  if (/[{}]/.test(rest)) return 'has a { or } outside a slot {name}';
  return null;
}

type Slots = { constants: ReadonlySet<string>; story: ReadonlySet<string>; episode: ReadonlySet<string> };

// Every template of the file with its field and the slots it may use.
function templatesOf(sim: SimulatorConfig, slots: Slots): Array<[string, string, ReadonlySet<string>]> {
  const out: Array<[string, string, ReadonlySet<string>]> = [];
  const add = (field: string, value: string | undefined, allowed: ReadonlySet<string>) => {
    if (value !== undefined) out.push([field, value, allowed]);
  };
  const list = (field: string, values: readonly string[], allowed: ReadonlySet<string>) =>
    values.forEach((v, i) => add(`${field}[${i}]`, v, allowed));
  const byKey = (field: string, map: Record<string, readonly string[]>, allowed: ReadonlySet<string>) => {
    for (const [k, values] of Object.entries(map)) list(`${field}.${k}`, values, allowed);
  };
  const withDistrict = new Set([...slots.constants, 'district']);

  for (const [k, v] of Object.entries(sim.departments)) add(`departments.${k}`, v, new Set([...withDistrict, 'districtShort']));
  byKey('hotline.openers', sim.hotline.openers, slots.story);
  byKey('hotline.closers', sim.hotline.closers, slots.story);
  byKey('consumer.openers', sim.consumer.openers, slots.story);
  list('police.openers', sim.police.openers, slots.story);
  for (const [field, items] of storyBanks(sim)) {
    items.forEach((s, i) => {
      add(`${field}[${i}].title`, s.title, slots.story);
      add(`${field}[${i}].text`, s.text, slots.story);
    });
  }
  byKey('posts.hashtags', sim.posts.hashtags, slots.constants);
  list('posts.topics', sim.posts.topics, slots.constants);
  add('posts.location.city', sim.posts.location.city, slots.constants);
  add('posts.location.district', sim.posts.location.district, withDistrict);

  // every string of the episodes is a template, but for their vocabularies and kinds
  const walk = (value: unknown, field: string): void => {
    if (typeof value === 'string') add(field, value, slots.episode);
    else if (Array.isArray(value)) value.forEach((v: unknown, i) => walk(v, `${field}[${i}]`));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) if (!EPISODE_WORDS.has(k)) walk(v, `${field}.${k}`);
    }
  };
  walk(sim.episodes, 'episodes');
  return out;
}

// Every bank of stories, with its field: each story a template that may ask for a place's tag.
function storyBanks(sim: SimulatorConfig): Array<[string, ReadonlyArray<{ text: string; title?: string; place?: PlaceTag }>]> {
  return [
    ['hotline.stories', sim.hotline.stories],
    ['consumer.stories', sim.consumer.stories],
    ['police.stories', sim.police.stories],
    ['police.mass', sim.police.mass],
    ['police.harm', sim.police.harm],
    ['posts.stories', sim.posts.stories],
  ];
}

// simulator.yaml, when there is one: a city without it runs with SIMULATOR=off, and is refused
// with the simulator on. undefined after recording a problem, null when off and absent.
export function readSimulator(files: ConfigFiles, simulatorOn: boolean, problems: string[]): SimulatorConfig | null | undefined {
  if (!files.exists('simulator')) {
    if (!simulatorOn) return null;
    problems.push(
      `${files.label('simulator')}: file not found (the simulator is on: give the city one, see config/README.md, or set SIMULATOR=off)`,
    );
    return undefined;
  }
  return files.read('simulator', simulatorSchema);
}

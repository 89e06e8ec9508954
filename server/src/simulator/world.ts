import type { CityConfig } from '../config/config.schema';
import { CITY_SLOT, type PlaceTag, type SimulatorConfig } from '../config/simulator.schema';

// The city the simulator tells about, from config: city.yaml's name and district codes, and
// simulator.yaml's districts, places, merchants, people and phrase banks. The words fixed for the
// whole city ({city}, the localWords) are written into the templates here, once.

export interface Place {
  name: string;
  street: string;
  lng: number;
  lat: number;
  tags: PlaceTag[];
}

export interface DistrictInfo {
  name: string;
  // division code, the 3rd–8th characters of a local unified social credit code
  code: string;
  // share of the records
  weight: number;
  // joined by road to the other core districts
  core: boolean;
  streets: string[];
  // short area names used for branch stores, e.g. 力美健身(台东店)
  areas: string[];
  places: Place[];
}

type Phrases = Pick<
  SimulatorConfig,
  'people' | 'plates' | 'merchants' | 'vocabulary' | 'hotline' | 'consumer' | 'police' | 'posts' | 'episodes'
>;

export interface World extends Phrases {
  // the city's full name, as addresses begin (青岛市)
  cityName: string;
  districts: DistrictInfo[];
  // every place with its district, in the order of districts
  places: Array<{ place: Place; district: DistrictInfo }>;
  // the core districts, in the order of districts
  core: DistrictInfo[];
  // the department template by the first level of a category
  departments: ReadonlyMap<string, string>;
}

export function buildWorld(city: CityConfig, sim: SimulatorConfig): World {
  const constants = new Map<string, string>([[CITY_SLOT, cityShortName(city.name)], ...Object.entries(sim.localWords)]);
  const fixed = resolveConstants(sim, constants);
  const codes = new Map(city.districts.map((d) => [d.name, d.code]));
  const districts: DistrictInfo[] = fixed.districts.map((d) => {
    const code = codes.get(d.name);
    if (code === undefined) throw new Error(`simulator district ${d.name} is not a district of the city`);
    return { name: d.name, code, weight: d.weight, core: d.core, streets: d.streets, areas: d.areas, places: d.places };
  });
  const { people, plates, merchants, vocabulary, hotline, consumer, police, posts, episodes } = fixed;
  return {
    people,
    plates,
    merchants,
    vocabulary,
    hotline,
    consumer,
    police,
    posts,
    episodes,
    cityName: city.name,
    districts,
    places: districts.flatMap((district) => district.places.map((place) => ({ place, district }))),
    core: districts.filter((d) => d.core),
    departments: new Map(Object.entries(fixed.departments)),
  };
}

// 青岛市 → 青岛: the name people write
export function cityShortName(name: string): string {
  return name.length > 2 && name.endsWith('市') ? name.slice(0, -1) : name;
}

// The department a record of the category in the district names, if its first level has one.
export function departmentFor(world: World, category: string, district: string): string | undefined {
  const template = world.departments.get(category.split('>')[0]!);
  if (template === undefined) return undefined;
  const short = district.replace(/[区市]$/, '');
  return template.replace(/\{(district|districtShort)\}/g, (_, key: string) => (key === 'district' ? district : short));
}

// A copy with every {name} of `constants` in every string replaced by its word.
function resolveConstants<T>(value: T, constants: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return value.replace(/\{(\w+)\}/g, (slot, key: string) => constants.get(key) ?? slot) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => resolveConstants(v, constants)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveConstants(v, constants)])) as T;
  }
  return value;
}

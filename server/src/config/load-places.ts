import type { CityFile, DistrictsGeoFile, GazetteerEntry, GazetteerFile } from './config.schema';
import { duplicates, type CheckContext } from './read-files';

// The places of the city: city.yaml's districts, their map (districts.geojson) and the gazetteer.

export function notADistrict(ctx: CheckContext, value: string): string {
  return `${value} is not a district of ${ctx.files.label('city')}`;
}

// Every name, alias and code points to one district only; excludes contain what they exclude.
export function checkCity(ctx: CheckContext, city: CityFile | undefined): void {
  if (!city) return;
  const cityLabel = ctx.files.label('city');
  const problems = ctx.problems;
  if (!isTimeZone(city.timezone)) problems.push(`${cityLabel}: timezone: ${city.timezone} is not an IANA time zone`);
  duplicates(city.districts.map((d) => d.code)).forEach(([i, v]) =>
    problems.push(`${cityLabel}: districts[${i}].code: ${v} appears twice`),
  );
  const owner = new Map<string, string>();
  city.districts.forEach((d, i) => {
    const claim = (value: string, field: string) => {
      const prev = owner.get(value);
      if (prev !== undefined && prev !== d.name) {
        problems.push(`${cityLabel}: districts[${i}].${field}: ${value} is already used by ${prev}`);
      } else if (prev === d.name && field !== 'name') {
        problems.push(`${cityLabel}: districts[${i}].${field}: ${value} is listed twice`);
      }
      owner.set(value, d.name);
    };
    claim(d.name, 'name');
    d.aliases.forEach((a, j) => claim(a, `aliases[${j}]`));
    const terms = [d.name, ...d.aliases];
    d.excludes.forEach((x, j) => {
      if (!terms.some((t) => x.includes(t))) {
        problems.push(`${cityLabel}: districts[${i}].excludes[${j}]: ${x} contains neither ${d.name} nor one of its aliases`);
      }
    });
  });
}

// One map feature per district, named as in city.yaml.
export function checkDistrictsGeo(ctx: CheckContext, city: CityFile | undefined, districtsGeo: DistrictsGeoFile | undefined): void {
  if (!city || !districtsGeo) return;
  const geoLabel = ctx.files.label('districtsGeo');
  const districtNames = new Set(city.districts.map((d) => d.name));
  const featureNames = new Set<string>();
  districtsGeo.features.forEach((f, i) => {
    const name = f.properties.name;
    if (!districtNames.has(name)) ctx.problems.push(`${geoLabel}: features[${i}].properties.name: ${notADistrict(ctx, name)}`);
    if (featureNames.has(name)) ctx.problems.push(`${geoLabel}: features[${i}].properties.name: ${name} appears twice`);
    featureNames.add(name);
  });
  for (const d of city.districts) {
    if (!featureNames.has(d.name)) {
      ctx.problems.push(`${geoLabel}: features: no feature named ${d.name} (a district of ${ctx.files.label('city')})`);
    }
  }
}

// The gazetteer's streets and landmarks as one list; each in a district of the city, and no term
// that is a district's or listed twice.
export function gazetteerOf(ctx: CheckContext, city: CityFile | undefined, file: GazetteerFile | undefined): GazetteerEntry[] | undefined {
  if (!file) return undefined;
  const gazLabel = ctx.files.label('gazetteer');
  const cityLabel = ctx.files.label('city');
  const districtNames = new Set(city?.districts.map((d) => d.name));
  const districtTerms = new Set(city?.districts.flatMap((d) => [d.name, ...d.aliases]));
  const seen = new Map<string, string>();
  for (const section of ['streets', 'landmarks'] as const) {
    file[section].forEach((e, i) => {
      if (city && !districtNames.has(e.district))
        ctx.problems.push(`${gazLabel}: ${section}[${i}].district: ${notADistrict(ctx, e.district)}`);
      [e.name, ...e.aliases].forEach((term, j) => {
        const field = j === 0 ? 'name' : `aliases[${j - 1}]`;
        if (districtTerms.has(term)) {
          ctx.problems.push(`${gazLabel}: ${section}[${i}].${field}: ${term} is a district name or alias of ${cityLabel}`);
        }
        const prev = seen.get(term);
        if (prev !== undefined) ctx.problems.push(`${gazLabel}: ${section}[${i}].${field}: ${term} is already listed (${prev})`);
        seen.set(term, `${section}[${i}]`);
      });
    });
  }
  return [
    ...file.streets.map((e) => ({ ...e, kind: 'street' as const })),
    ...file.landmarks.map((e) => ({ ...e, kind: 'landmark' as const })),
  ];
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// Plain geometry on the district GeoJSON: no ECharts, no DOM, so it is testable as is.
export type Position = number[];
export type Ring = Position[];

export interface DistrictFeature {
  type: 'Feature';
  properties: { name: string; [key: string]: unknown };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface DistrictCollection {
  type: 'FeatureCollection';
  features: DistrictFeature[];
}

export type LngLat = [number, number];

export function isDistrictCollection(value: unknown): value is DistrictCollection {
  const v = value as DistrictCollection | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.type === 'FeatureCollection' &&
    Array.isArray(v.features) &&
    v.features.every((f) => typeof f?.properties?.name === 'string' && Array.isArray(f.geometry?.coordinates))
  );
}

// signed area and centroid of a ring (shoelace); degrees are fine at a city's size. Computed
// relative to the ring's first point: products of raw longitudes (~120) lose the digits that matter.
function ringCentroid(ring: Ring): { area: number; c: LngLat } | null {
  const [ox = 0, oy = 0] = ring[0]!;
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const x0 = (ring[j]![0] ?? 0) - ox;
    const y0 = (ring[j]![1] ?? 0) - oy;
    const x1 = (ring[i]![0] ?? 0) - ox;
    const y1 = (ring[i]![1] ?? 0) - oy;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(a) < 1e-14) return null;
  return { area: Math.abs(a / 2), c: [ox + cx / (3 * a), oy + cy / (3 * a)] };
}

/** The centroid of a district's largest polygon (islands do not pull it out to sea). */
export function centroid(geometry: DistrictFeature['geometry']): LngLat | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: { area: number; c: LngLat } | null = null;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer || outer.length < 3) continue;
    const r = ringCentroid(outer);
    if (r && (!best || r.area > best.area)) best = r;
  }
  return best?.c ?? null;
}

export function centroids(geo: DistrictCollection): Record<string, LngLat> {
  const out: Record<string, LngLat> = {};
  for (const f of geo.features) {
    const c = centroid(f.geometry);
    if (c) out[f.properties.name] = c;
  }
  return out;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Where the i-th of several markers in one district goes: the first at the centre, the others on a
 * sunflower spiral around it, `step` degrees apart, so markers neither overlap nor wander far.
 */
export function spread(center: LngLat, index: number, step = 0.07): LngLat {
  if (index <= 0) return center;
  const r = step * Math.sqrt(index);
  const angle = index * GOLDEN_ANGLE;
  // a degree of longitude is shorter than one of latitude away from the equator
  const lngScale = 1 / Math.max(0.2, Math.cos((center[1] * Math.PI) / 180));
  return [center[0] + r * Math.cos(angle) * lngScale, center[1] + r * Math.sin(angle)];
}

import { shallowRef, type Ref } from 'vue';
import { api } from '../../app/http';
import { registerMap } from './echarts';
import { centroids, isDistrictCollection, type DistrictCollection, type LngLat } from './geo';

export const CITY_MAP = 'city';

export interface CityMap {
  name: typeof CITY_MAP;
  districts: string[];
  centroids: Record<string, LngLat>;
}

// The district map is fetched and registered with ECharts once per page: the browser caches the
// answer for an hour and revalidates it by ETag, so a reload costs a 304.
const map = shallowRef<CityMap | null>(null);
let loading: Promise<CityMap | null> | null = null;

export function register(geo: DistrictCollection): CityMap {
  // ECharts' own GeoJSON type is stricter than the file's shape; the shape was checked above
  registerMap(CITY_MAP, geo as unknown as Parameters<typeof registerMap>[1]);
  return { name: CITY_MAP, districts: geo.features.map((f) => f.properties.name), centroids: centroids(geo) };
}

/** The registered city map; loads it on first use. A failed load is tried again on the next call. */
export function useCityMap(): { map: Readonly<Ref<CityMap | null>>; load: () => Promise<CityMap | null> } {
  function load(): Promise<CityMap | null> {
    if (map.value) return Promise.resolve(map.value);
    loading ??= api<unknown>('/map')
      .then((geo) => {
        if (!isDistrictCollection(geo)) throw new Error('the map is not a district FeatureCollection');
        map.value = register(geo);
        return map.value;
      })
      .catch(() => null)
      .finally(() => {
        loading = null;
      });
    return loading;
  }
  return { map, load };
}

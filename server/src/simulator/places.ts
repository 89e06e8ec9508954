import type { PlaceTag } from '../config/simulator.schema';
import type { Sim } from './sim';
import type { DistrictInfo, Place } from './world';

// Where things happen: districts by their share, places by their tags.
export class Places {
  constructor(private readonly sim: Sim) {}

  district(): DistrictInfo {
    return this.sim.rng.weighted(this.sim.world.districts, (d) => d.weight);
  }

  // A place with the tag, in the district when it has one, else anywhere (weighted by district).
  placeWith(tag: PlaceTag, district?: DistrictInfo): { place: Place; district: DistrictInfo } {
    const local = district ? district.places.filter((p) => p.tags.includes(tag)) : [];
    if (local.length > 0) return { place: this.sim.rng.pick(local), district: district! };
    const all = this.sim.world.places.filter((e) => e.place.tags.includes(tag));
    return this.sim.rng.weighted(all, (e) => e.district.weight / e.district.places.filter((p) => p.tags.includes(tag)).length);
  }

  districtOf(place: Place): DistrictInfo {
    return this.sim.world.places.find((e) => e.place === place)!.district;
  }
}

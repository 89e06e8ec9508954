import { Inject, Injectable } from '@nestjs/common';
import type { Taxonomy } from '@jointduty/shared';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig, Department } from '../config/config.schema';

// The category taxonomy (问题分类) and the departments (承办单位) of config/departments.yaml, as
// the console's pickers and the reclassify check read them.
@Injectable()
export class TaxonomyService {
  private readonly taxonomy: Taxonomy;
  // category path → the first department that lists it
  private readonly owner = new Map<string, Department>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    for (const d of config.departments) for (const c of d.categories) if (!this.owner.has(c)) this.owner.set(c, d);
    this.taxonomy = {
      departments: config.departments.map((d) => ({ id: d.id, name: d.name, categories: [...d.categories] })),
      districts: config.city.districts.map((d) => d.name),
    };
  }

  get(): Taxonomy {
    return this.taxonomy;
  }

  /** The department whose categories hold this exact path, if the path is in the taxonomy. */
  ownerOf(category: string): Department | undefined {
    return this.owner.get(category);
  }

  /** A department by its id or its name (incidents carry the name). */
  department(idOrName: string): Department | undefined {
    return this.config.departments.find((d) => d.id === idOrName || d.name === idOrName);
  }
}

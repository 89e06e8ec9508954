import { computed, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { Taxonomy } from '@jointduty/shared';
import { api } from '../../app/http';
import { useLoadOnce } from '../../app/useLoadOnce';

export interface CategoryGroup {
  department: { id: string; name: string };
  /** the first levels of the department's paths (`市场监管`), each a filter of its own */
  heads: string[];
  paths: string[];
}

// The departments, category paths and districts of the server's configuration (GET /api/taxonomy),
// read once per session: the queue's filters and the reclassify picker share them.
export const useTaxonomyStore = defineStore('taxonomy', () => {
  const taxonomy = shallowRef<Taxonomy | null>(null);
  const { error, load } = useLoadOnce(
    async () => {
      taxonomy.value = await api<Taxonomy>('/taxonomy');
    },
    () => Boolean(taxonomy.value),
  );

  const groups = computed<CategoryGroup[]>(() =>
    (taxonomy.value?.departments ?? []).map((d) => ({
      department: { id: d.id, name: d.name },
      heads: [...new Set(d.categories.map((c) => c.split('>')[0]!))],
      paths: d.categories,
    })),
  );
  const districts = computed(() => taxonomy.value?.districts ?? []);

  /** The department a category path belongs to (the first that lists it). */
  function ownerOf(category: string): { id: string; name: string } | null {
    return groups.value.find((g) => g.paths.includes(category))?.department ?? null;
  }

  return { taxonomy, error, groups, districts, load, ownerOf };
});

import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { Taxonomy } from '@jointduty/shared';
import { api } from '../../app/http';
import { errorMessage } from '../../app/errors';

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
  const error = ref<string | null>(null);
  let pending: Promise<void> | null = null;

  function load(): Promise<void> {
    if (taxonomy.value) return Promise.resolve();
    pending ??= api<Taxonomy>('/taxonomy')
      .then((t) => {
        taxonomy.value = t;
        error.value = null;
      })
      .catch((err: unknown) => {
        error.value = errorMessage(err);
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

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

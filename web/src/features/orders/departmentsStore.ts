import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import { useLoadOnce } from '../../app/useLoadOnce';
import { fetchDepartments, type OrderDepartment } from './api';
import type { DepartmentTest } from './filters';

export interface DepartmentGroup {
  department: OrderDepartment;
  units: OrderDepartment[];
}

/** Departments with their district units under them, in the server's order. */
export function groupDepartments(list: readonly OrderDepartment[]): DepartmentGroup[] {
  const ids = new Set(list.map((d) => d.id));
  const groups = list
    .filter((d) => !d.parentId || !ids.has(d.parentId))
    .map((department) => ({ department, units: [] as OrderDepartment[] }));
  const byId = new Map(groups.map((g) => [g.department.id, g]));
  for (const d of list) {
    if (d.parentId && ids.has(d.parentId)) byId.get(d.parentId)?.units.push(d);
  }
  return groups;
}

// The departments and units orders go to (GET /api/orders/departments), read once per session:
// the board's filter and the reassignment form.
export const useOrderDepartmentsStore = defineStore('orderDepartments', () => {
  const items = shallowRef<OrderDepartment[]>([]);
  const loaded = ref(false);
  const { error, load } = useLoadOnce(
    async () => {
      const list = await fetchDepartments();
      items.value = Array.isArray(list) ? list : [];
      loaded.value = true;
    },
    () => loaded.value,
  );
  const groups = computed(() => groupDepartments(items.value));
  const parentOf = computed(() => new Map(items.value.map((d) => [d.id, d.parentId ?? null])));

  /** A department filter takes in its units' orders too. */
  const inDepartment: DepartmentTest = (orderDepartmentId, filterId) =>
    orderDepartmentId === filterId || parentOf.value.get(orderDepartmentId) === filterId;

  return { items, loaded, error, load, groups, inDepartment };
});

import type { OrderRow } from '../../orders/order.types';
import type { UnitDirectory } from '../../orders/units';
import type { Rng } from '../rng';

/**
 * Where duty sends an order its unit returned: the unit its category and district go to, when
 * that is another; else another department, at its unit in the order's district where it has one.
 */
export function reassignTarget(units: UnitDirectory, o: Pick<OrderRow, 'departmentId' | 'category' | 'district'>, rng: Rng): string {
  const routed = units.route({ department: null, category: o.category, district: o.district });
  if (routed.id !== o.departmentId) return routed.id;
  const from = units.get(o.departmentId);
  const fromDepartment = from?.parentId ?? o.departmentId;
  const all = units.all();
  const others = all.filter((u) => u.parentId === null && u.id !== fromDepartment);
  if (others.length === 0) return o.departmentId;
  const department = rng.pick(others);
  return (all.find((u) => u.parentId === department.id && u.district === o.district) ?? department).id;
}

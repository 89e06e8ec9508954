import type { Department } from '../config/config.schema';

// The units orders go to (承办单位), in two levels: a department of the city, and its district
// units where config has them (departments.yaml `units`). An order goes to the department that
// handles its record, then to that department's unit in the record's district, if it has one.

export interface Unit {
  id: string;
  name: string;
  /** the department a district unit belongs to; null for a department */
  parentId: string | null;
  district: string | null;
}

export class UnitDirectory {
  private readonly units = new Map<string, Unit>();
  private readonly byName = new Map<string, Unit>();
  private readonly children = new Map<string, Unit[]>();
  private readonly categoryOwner = new Map<string, string>();
  private readonly headOwner = new Map<string, string>();
  private readonly fallback: string;

  constructor(departments: readonly Department[]) {
    for (const d of departments) {
      const dept: Unit = { id: d.id, name: d.name, parentId: null, district: null };
      this.add(dept);
      for (const c of d.categories) {
        if (!this.categoryOwner.has(c)) this.categoryOwner.set(c, d.id);
        const head = c.split('>')[0]!;
        if (!this.headOwner.has(head)) this.headOwner.set(head, d.id);
      }
      for (const u of d.units ?? []) {
        const unit: Unit = { id: u.id, name: u.name, parentId: d.id, district: u.district };
        this.add(unit);
        this.children.set(d.id, [...(this.children.get(d.id) ?? []), unit]);
      }
    }
    this.fallback = departments.find((d) => d.fallback)?.id ?? departments[departments.length - 1]!.id;
  }

  private add(u: Unit): void {
    this.units.set(u.id, u);
    if (!this.byName.has(u.name)) this.byName.set(u.name, u);
  }

  get(id: string): Unit | undefined {
    return this.units.get(id);
  }

  all(): Unit[] {
    return [...this.units.values()];
  }

  /** The unit an incident's order goes to: by the unit the record names, else by its category, then its district. */
  route(incident: { department: string | null; category: string | null; district: string | null }): Unit {
    const named = incident.department ? this.byName.get(incident.department) : undefined;
    // a district unit named by the feed is taken as it is
    if (named?.parentId) return named;
    const deptId =
      named?.id ??
      (incident.category
        ? (this.categoryOwner.get(incident.category) ?? this.headOwner.get(incident.category.split('>')[0]!))
        : undefined) ??
      this.fallback;
    const local = incident.district ? this.children.get(deptId)?.find((u) => u.district === incident.district) : undefined;
    return local ?? this.units.get(deptId)!;
  }

  /** The units a user bound to this unit sees: a department sees its district units too. */
  scope(id: string): string[] {
    return [id, ...(this.children.get(id) ?? []).map((u) => u.id)];
  }

  /** The socket rooms of the users who see this unit's orders: its own and its department's. */
  audience(id: string): string[] {
    const u = this.units.get(id);
    return u?.parentId ? [id, u.parentId] : [id];
  }
}

import { exampleProblems, type ClassifierExamples } from './classifier-examples';
import type { AccountsFile, CityFile, DepartmentsFile, TeamsFile } from './config.schema';
import { notADistrict } from './load-places';
import { duplicates, type CheckContext } from './read-files';

// Who works the city: departments (with the classifier's examples, labelled by their
// categories), field teams and accounts.

export function checkClassifierExamples(
  ctx: CheckContext,
  departments: DepartmentsFile | undefined,
  examples: ClassifierExamples | undefined,
): void {
  if (!examples || !departments) return;
  for (const p of exampleProblems(departments.departments, examples)) ctx.problems.push(`${ctx.files.label('classifierExamples')}: ${p}`);
}

// Unique ids, those of departments and of their units together; exactly one fallback department;
// units in districts of the city, one per district and department.
export function checkDepartments(ctx: CheckContext, file: DepartmentsFile | undefined, city: CityFile | undefined): void {
  if (!file) return;
  const depLabel = ctx.files.label('departments');
  const list = file.departments;
  const ids = [
    ...list.map((d, i) => ({ id: d.id, field: `departments[${i}].id` })),
    ...list.flatMap((d, i) => d.units.map((u, j) => ({ id: u.id, field: `departments[${i}].units[${j}].id` }))),
  ];
  duplicates(ids.map((x) => x.id)).forEach(([k, v]) => ctx.problems.push(`${depLabel}: ${ids[k]!.field}: ${v} appears twice`));
  const districtNames = new Set(city?.districts.map((d) => d.name));
  list.forEach((d, i) => {
    duplicates(d.units.map((u) => u.district)).forEach(([j, v]) =>
      ctx.problems.push(`${depLabel}: departments[${i}].units[${j}].district: ${d.id} already has a unit in ${v}`),
    );
    d.units.forEach((u, j) => {
      if (city && !districtNames.has(u.district)) {
        ctx.problems.push(`${depLabel}: departments[${i}].units[${j}].district: ${notADistrict(ctx, u.district)}`);
      }
    });
  });
  const fallbacks = list.filter((d) => d.fallback).length;
  if (fallbacks !== 1) {
    ctx.problems.push(`${depLabel}: departments: exactly one department must have fallback: true (found ${fallbacks})`);
  }
}

// Unique ids; each team in a district of the city and of a department.
export function checkTeams(
  ctx: CheckContext,
  file: TeamsFile | undefined,
  city: CityFile | undefined,
  departments: DepartmentsFile | undefined,
): void {
  if (!file) return;
  const teamLabel = ctx.files.label('teams');
  const districtNames = new Set(city?.districts.map((d) => d.name));
  const departmentIds = new Set(departments?.departments.map((d) => d.id));
  duplicates(file.teams.map((t) => t.id)).forEach(([i, v]) => ctx.problems.push(`${teamLabel}: teams[${i}].id: ${v} appears twice`));
  file.teams.forEach((t, i) => {
    if (city && !districtNames.has(t.district)) ctx.problems.push(`${teamLabel}: teams[${i}].district: ${notADistrict(ctx, t.district)}`);
    if (departments && !departmentIds.has(t.department)) {
      ctx.problems.push(
        `${teamLabel}: teams[${i}].department: ${t.department} is not a department id of ${ctx.files.label('departments')}`,
      );
    }
  });
}

// Unique usernames; a team exactly for field accounts, and one that exists; a department or
// district unit exactly for department accounts, and one that exists.
export function checkAccounts(
  ctx: CheckContext,
  file: AccountsFile | undefined,
  teams: TeamsFile | undefined,
  departments: DepartmentsFile | undefined,
): void {
  if (!file) return;
  const accLabel = ctx.files.label('accounts');
  const teamIds = new Set(teams?.teams.map((t) => t.id));
  const unitIds = new Set(departments?.departments.flatMap((d) => [d.id, ...d.units.map((u) => u.id)]));
  duplicates(file.accounts.map((a) => a.username)).forEach(([i, v]) =>
    ctx.problems.push(`${accLabel}: accounts[${i}].username: ${v} appears twice`),
  );
  file.accounts.forEach((a, i) => {
    if (a.role === 'field' && a.teamId === undefined) {
      ctx.problems.push(`${accLabel}: accounts[${i}].teamId: is required for role field`);
    } else if (a.role !== 'field' && a.teamId !== undefined) {
      ctx.problems.push(`${accLabel}: accounts[${i}].teamId: only field accounts belong to a team (role is ${a.role})`);
    } else if (a.teamId !== undefined && teams && !teamIds.has(a.teamId)) {
      ctx.problems.push(`${accLabel}: accounts[${i}].teamId: ${a.teamId} is not a team id of ${ctx.files.label('teams')}`);
    }
    if (a.role === 'department' && a.departmentId === undefined) {
      ctx.problems.push(`${accLabel}: accounts[${i}].departmentId: is required for role department`);
    } else if (a.role !== 'department' && a.departmentId !== undefined) {
      ctx.problems.push(`${accLabel}: accounts[${i}].departmentId: only department accounts belong to a department (role is ${a.role})`);
    } else if (a.departmentId !== undefined && departments && !unitIds.has(a.departmentId)) {
      ctx.problems.push(
        `${accLabel}: accounts[${i}].departmentId: ${a.departmentId} is not a department or unit id of ${ctx.files.label('departments')}`,
      );
    }
  });
}

import type { ProfilesFile, RulesFile } from './config.schema';
import { duplicates, type CheckContext } from './read-files';
import { parseShift, SHIFT_FORMAT } from './shift';

// The alert rules and the peak-season profiles that change them.

// Unique ids; both dates or neither, in order; rules overridden that exist; shifts readable as hours.
export function checkProfiles(ctx: CheckContext, file: ProfilesFile | undefined, rules: RulesFile | undefined): void {
  if (!file) return;
  const profLabel = ctx.files.label('profiles');
  const ruleIds = new Set(rules?.rules.map((r) => r.id));
  duplicates(file.profiles.map((p) => p.id)).forEach(([i, v]) => ctx.problems.push(`${profLabel}: profiles[${i}].id: ${v} appears twice`));
  file.profiles.forEach((p, i) => {
    if ((p.from === undefined) !== (p.to === undefined))
      ctx.problems.push(`${profLabel}: profiles[${i}]: give both from and to, or neither`);
    if (p.from && p.to && p.from > p.to) ctx.problems.push(`${profLabel}: profiles[${i}].to: ${p.to} is before from ${p.from}`);
    const checkRules = (overrides: Record<string, unknown>, field: string) => {
      if (!rules) return;
      for (const r of Object.keys(overrides)) {
        if (!ruleIds.has(r)) ctx.problems.push(`${profLabel}: profiles[${i}].${field}.${r}: not a rule id of ${ctx.files.label('rules')}`);
      }
    };
    checkRules(p.rules, 'rules');
    p.watchAreas.forEach((w, j) => checkRules(w.rules, `watchAreas[${j}].rules`));
    // the wall shows who is on duty now: a shift must be readable as hours
    p.roster.forEach((r, j) => {
      if (r.shift !== undefined && parseShift(r.shift) === null) {
        ctx.problems.push(`${profLabel}: profiles[${i}].roster[${j}].shift: ${SHIFT_FORMAT}`);
      }
    });
  });
}

export function checkRules(ctx: CheckContext, file: RulesFile | undefined): void {
  if (!file) return;
  duplicates(file.rules.map((r) => r.id)).forEach(([i, v]) =>
    ctx.problems.push(`${ctx.files.label('rules')}: rules[${i}].id: ${v} appears twice`),
  );
}

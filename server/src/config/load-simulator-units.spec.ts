import { loadConfig } from './config.loader';
import { simulatorProblems } from './load-simulator';
import { simulatorSchema, type SimulatorConfig } from './simulator.schema';

// simulator.yaml `units`: the simulated units' pace and notes
describe('simulator.yaml units', () => {
  const shipped = loadConfig({ env: {} });
  const sim = shipped.simulator!;
  const problemsOf = (units: unknown) =>
    simulatorProblems({ ...sim, units } as SimulatorConfig, undefined, 'simulator.yaml', 'city.yaml').filter((p) => p.includes('units'));

  it('the shipped section has no problem', () => {
    expect(sim.units).toBeDefined();
    expect(problemsOf(sim.units)).toEqual([]);
  });

  it('a city without the section is fine: its simulated orders stay unanswered', () => {
    const rest: Partial<SimulatorConfig> = { ...sim };
    delete rest.units;
    expect(simulatorSchema.safeParse(rest).success).toBe(true);
  });

  it('names a reply result that may be drawn but has no default notes', () => {
    const units = sim.units!;
    const notes = { ...units.notes.reply.default! };
    delete notes.不属实;
    expect(problemsOf({ ...units, notes: { ...units.notes, reply: { ...units.notes.reply, default: notes } } })).toEqual([
      'simulator.yaml: units.notes.reply.default.不属实: missing (replies may be 不属实)',
    ]);
    const heads = { ...units.notes.reply };
    delete heads.default;
    expect(problemsOf({ ...units, notes: { ...units.notes, reply: heads } })).toEqual([
      'simulator.yaml: units.notes.reply.default: missing (the notes of categories not listed)',
    ]);
  });

  it('names calling hours that are no window', () => {
    expect(problemsOf({ ...sim.units!, followup: { ...sim.units!.followup, hours: [21, 8] } })).toEqual([
      'simulator.yaml: units.followup.hours: must be [from, until) with from < until (got [21, 8])',
    ]);
  });

  it('refuses shares outside 0..1, reversed spans and unknown results', () => {
    const parse = (units: unknown) => simulatorSchema.safeParse({ ...sim, units });
    const u = sim.units!;
    const issues = (units: unknown) => {
      const r = parse(units);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ ...u, sign: { ...u.sign, late: 1.5 } })).toEqual(['units.sign.late: must be 0..1']);
    expect(issues({ ...u, contact: { ...u.contact, minutes: [180, 2] } })).toEqual([
      'units.contact.minutes: must be [low, high] minutes with low ≤ high',
    ]);
    expect(issues({ ...u, reply: { ...u.reply, results: { 已解决: 1, 办好了: 2 } } })[0]).toMatch(/^units\.reply\.results/);
    expect(issues({ ...u, followup: { ...u.followup, satisfaction: { 满意: 0 } } })).toEqual([
      'units.followup.satisfaction: at least one weight must be above 0',
    ]);
  });
});

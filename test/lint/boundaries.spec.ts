// The lint rules that keep the layout: dependency-cruiser's import boundaries (.dependency-cruiser.cjs)
// and ESLint's max-lines (eslint.config.mjs), each run in a child process with the repository's config.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '../..');
const fixture = path.join(__dirname, '../fixtures/boundaries');
const depcruiseBin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

// One cruise of server, shared and web from `cwd`, with the repository's config, as
// `rule: from → to` lines. A package is named by itself, whatever file of it resolved, so the
// fixture reads the same on any install.
function cruise(cwd: string): string[] {
  const run = spawnSync(
    process.execPath,
    [depcruiseBin, 'server/src', 'shared/src', 'web/src', '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (!run.stdout) throw new Error(`depcruise printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  const packageName = (to: string) => to.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1');
  const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${packageName(v.to)}`);
  return violations.sort();
}

describe('import boundaries (dependency-cruiser)', () => {
  it('reports each broken rule of the fixture tree by name', () => {
    expect(cruise(fixture)).toEqual(
      [
        // feeds/intake.ts imports live, live/gateway.ts imports feeds: no single module cycle,
        // but the two folders import each other
        'no-server-folder-cycle: server/src/feeds → server/src/live',
        'no-server-folder-cycle: server/src/live → server/src/feeds',
        'events-imports-upward: server/src/events/events.service.ts → server/src/alerts/alerts.service.ts',
        'server-folder-has-a-layer: server/src/feeds/intake.ts → server/src/stray/stray.ts',
        'engine-no-framework: server/src/correlation/engine/brain.ts → @nestjs/common',
        // a value import of a *.types.ts file; brain.ts's `import type` of it, and its import of
        // config, pass
        'engine-imports-record-types-as-types: server/src/correlation/engine/brain.ts → server/src/events/event.types.ts',
        'drivers-only-in-infra: server/src/feeds/store.ts → pg',
        'config-imports-only-config: server/src/config/config.ts → server/src/common/logger.ts',
        'common-imports-only-config: server/src/common/logger.ts → server/src/infra/db.ts',
        'infra-imports-only-common-config: server/src/infra/db.ts → server/src/incidents/incidents.service.ts',
        'shared-stands-alone: shared/src/index.ts → server/src/incidents/incidents.service.ts',
        'web-never-imports-server: web/src/main.ts → server/src/live/push.ts',
        // not reported: app.module.ts importing a feature, alerts importing incidents, infra importing
        // better-sqlite3, and incidents.spec.ts importing alerts (specs are left out)
      ].sort(),
    );
  });

  it('fails with a report naming both files of a violation and what the rule allows', () => {
    // the arguments of `npm run lint:deps`
    const args = [
      'server/src',
      'shared/src',
      'web/src',
      '--config',
      path.join(root, '.dependency-cruiser.cjs'),
      '--output-type',
      'err-long',
    ];
    const run = spawnSync(process.execPath, [depcruiseBin, ...args], { cwd: fixture, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('error events-imports-upward: server/src/events/events.service.ts → server/src/alerts/alerts.service.ts');
    expect(run.stdout).toContain('events imports only itself and the layers below it (incidents, platform,');
  });

  it('finds no violation in the repository', () => {
    expect(cruise(root)).toEqual([]);
  });
});

describe('file size (ESLint max-lines)', () => {
  const limit = [2, { max: 600, skipBlankLines: false, skipComments: false }];
  const source = (lines: number) => Array.from({ length: lines }, (_, i) => `export const line${i} = ${i};\n`).join('');
  const held = [
    'server/src/main.ts',
    'server/src/correlation/engine/brain.ts',
    'shared/src/index.ts',
    'web/src/app/router.ts',
    'web/src/app/App.vue',
  ];
  const exempt = ['server/src/config/config.loader.spec.ts', 'web/src/test/fixtures.ts', 'test/e2e/stats.e2e-spec.ts'];
  let probe: { maxLines: Record<string, unknown>; messages: string[][] };

  beforeAll(() => {
    const request = {
      configFor: [...held, ...exempt],
      lint: [
        { filePath: 'web/src/too-long.ts', text: source(601) },
        { filePath: 'web/src/too-long.ts', text: source(600) },
      ],
    };
    const run = spawnSync(process.execPath, [path.join(__dirname, 'eslint-probe.mjs')], {
      cwd: root,
      input: JSON.stringify(request),
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`eslint-probe failed: ${run.stderr}`);
    probe = JSON.parse(run.stdout);
  });

  it('holds server, shared and web source to 600 lines', () => {
    for (const file of held) {
      expect([file, probe.maxLines[file]]).toEqual([file, limit]);
    }
  });

  it('leaves tests and test support alone', () => {
    for (const file of exempt) {
      expect([file, probe.maxLines[file]]).toEqual([file, null]);
    }
  });

  it('fails a file of 601 lines and passes one of 600', () => {
    expect(probe.messages).toEqual([['max-lines: File has too many lines (601). Maximum allowed is 600.'], []]);
  });
});

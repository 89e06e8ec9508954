// `npm start`: builds what is missing or older than its sources, then runs the server.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir, skip = new Set(['node_modules', 'dist'])) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(e.name)) continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p, skip) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);

const steps = [
  { ws: 'shared', inputs: ['shared/src', 'shared/tsconfig.json', 'shared/tsconfig.build.json'], output: 'shared/dist/index.js' },
  { ws: 'server', inputs: ['server/src', 'shared/src', 'server/tsconfig.json', 'server/tsconfig.build.json'], output: 'server/dist/main.js' },
  { ws: 'web', inputs: ['web/src', 'web/index.html', 'web/vite.config.ts', 'shared/src'], output: 'web/dist/index.html' },
];

for (const s of steps) {
  const built = mtime(path.join(root, s.output));
  const src = Math.max(...s.inputs.map((i) => {
    const p = path.join(root, i);
    return fs.existsSync(p) && fs.statSync(p).isDirectory() ? newest(p) : mtime(p);
  }));
  if (built >= src) continue;
  console.log(`[start] building ${s.ws} …`);
  const r = spawnSync('npm', ['run', 'build', '-w', s.ws], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] building ${s.ws} failed`);
    process.exit(r.status ?? 1);
  }
  // a build that writes nothing new must not make the next start rebuild
  fs.utimesSync(path.join(root, s.output), new Date(), new Date());
}

const child = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], { cwd: root, stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

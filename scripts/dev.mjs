// npm run start:dev: compile once, then recompile on every change (tsc --watch) and restart the
// server whenever its compiled files change (node --watch). Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const project = ['-p', 'tsconfig.build.json'];

const first = spawnSync(process.execPath, [tsc, ...project], { stdio: 'inherit' });
if (first.status !== 0) process.exit(first.status ?? 1);

const children = [
  spawn(process.execPath, [tsc, ...project, '--watch', '--preserveWatchOutput'], { stdio: ['ignore', 'inherit', 'inherit'] }),
  spawn(process.execPath, ['--watch', 'dist/src/main.js'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);

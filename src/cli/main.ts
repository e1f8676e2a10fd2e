import 'reflect-metadata';
import { loadDotEnv } from '../config';
import { runCli } from './cli';

// `npm run cli -- <command>`: see runCli and `npm run cli -- help`.
loadDotEnv();
void runCli(process.argv.slice(2), process.env, {
  out: (line = '') => process.stdout.write(`${line}\n`),
  err: (line = '') => process.stderr.write(`${line}\n`),
}).then((code) => {
  process.exitCode = code;
});

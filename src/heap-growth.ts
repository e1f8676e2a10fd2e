import { setFlagsFromString } from 'node:v8';

// How far V8 lets the old space grow past what is live before a full collection: 1.25×, instead of
// its own ~4× (docs/performance.md, "The V8 heap's growth"). Under load 1.5× took RSS from ~245 to
// ~170 MiB at no measured cost in CPU per request. Since little survives the young generation
// (docs/performance.md, "What survived the young generation"), the old space fills slowly and took
// a minute of mixed load to reach its first bound at 1.5× (RSS climbing 10.8 MiB/min through the
// faults harness's soak, over its 10); at 1.25× it levels within seconds (1.9 MiB/min, RSS max
// 146 MiB against 152). Set from inside the process, so that it applies
// however the server is started (npm run start:prod, a process manager running `node
// dist/src/main.js`, the harnesses); V8 reads the flag at every full collection, so setting it
// before the application starts is enough.
export const HEAP_GROWING_PERCENT = 25;

const FLAG = 'heap-growing-percent';

// The flag to set, or null when the operator chose a value of their own (a node option, directly
// or in NODE_OPTIONS: theirs wins).
export function heapGrowthFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | null {
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  if (given.some((arg) => arg.replace(/_/g, '-').startsWith(`--${FLAG}`))) return null;
  return `--${FLAG}=${HEAP_GROWING_PERCENT}`;
}

export function boundHeapGrowth(): void {
  const flag = heapGrowthFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag !== null) setFlagsFromString(flag);
}

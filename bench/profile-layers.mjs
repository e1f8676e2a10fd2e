// Sums a V8 CPU profile (`node --cpu-prof`) by request-path layer, so that a profile taken under
// load reads as µs of server CPU per request per layer (docs/performance.md, "The cost table").
//
//   node bench/profile-layers.mjs PROFILE.cpuprofile REQUESTS [--top N]
//
// Each sample is given to the innermost frame of its stack that belongs to a layer (so a
// middleware that calls next() is charged only for its own work, not for what runs after it), and
// a sample whose whole stack matches no layer goes to "other". REQUESTS is the number of requests
// served while the profile was recorded (wrk prints it); idle samples are left out of the total.
// `--top N` also lists the N functions with the most self time.
import { readFileSync } from 'node:fs';

// Ordered: the first pattern that matches a frame (by url, then function name) names its layer.
const LAYERS = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['pg client (driver, protocol)', (f) => /node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z]+|pgpass)\//.test(f.url)],
  ['SQL gateway (src/database)', (f) => /\/src\/database\//.test(f.url)],
  ['helmet', (f) => /node_modules\/helmet\//.test(f.url)],
  ['logging (pino, request line)', (f) => /node_modules\/(pino|pino-std-serializers|sonic-boom|thread-stream|fast-redact|quick-format-unescaped|atomic-sleep|on-exit-leak-free|safe-stable-stringify)\//.test(f.url) || /\/src\/observability\/(logger|nest-logger)\.js/.test(f.url)],
  ['metrics (prom-client)', (f) => /node_modules\/(prom-client|tdigest|bintrees)\//.test(f.url) || /\/src\/observability\/metrics\.js/.test(f.url)],
  ['request id, request line, route template', (f) => /\/src\/observability\/(request-observability|request-id|route-template)\.js/.test(f.url) || /\/src\/request-context\.js/.test(f.url)],
  ['AsyncLocalStorage / async hooks', (f) => /node:async_hooks|internal\/async_hooks|internal\/async_local_storage/.test(f.url)],
  ['validation (pipe, class-validator, class-transformer)', (f) => /node_modules\/(class-validator|class-transformer|validator)\//.test(f.url) || /\/src\/common\/(request-validation\.pipe|prefixed-id|unicode|json-body-checks|json-depth)\.js/.test(f.url)],
  ['interceptors (ETag, idempotency; + RxJS)', (f) => /\/src\/common\/(etag|etag\.interceptor)\.js/.test(f.url) || /node_modules\/rxjs\//.test(f.url)],
  ['guard + authentication (cache hit)', (f) => /\/src\/(auth|api-keys)\//.test(f.url)],
  ['other middleware (no-store, body checks, cors)', (f) => /\/src\/common\/no-store/.test(f.url) || /node_modules\/(cors|body-parser|raw-body|iconv-lite|content-type|type-is)\//.test(f.url)],
  ['application (controller, service, repository, DTOs)', (f) => /\/dist\/src\//.test(f.url) || /\/nest-floor\/src\/|users-core\.mjs/.test(f.url)],
  ['LRU caches', (f) => /node_modules\/lru-cache\//.test(f.url)],
  ['Nest (routing, params, guards/pipes/interceptors plumbing)', (f) => /node_modules\/@nestjs\//.test(f.url)],
  ['Express (router, req/res, send)', (f) => /node_modules\/(express|router|finalhandler|send|etag|fresh|on-finished|parseurl|path-to-regexp|qs|accepts|negotiator|mime-types|mime-db|proxy-addr|forwarded|ipaddr\.js|range-parser|statuses|depd|encodeurl|escape-html|vary|cookie|content-disposition|media-typer|debug|ms|setprototypeof|merge-descriptors|utils-merge|safe-buffer|side-channel|object-inspect|call-bind|get-intrinsic|es-errors|function-bind|has-symbols|hasown|gopd|dunder-proto|es-object-atoms|math-intrinsics|call-bound|side-channel-list|side-channel-map|side-channel-weakmap|es-define-property|get-proto)\//.test(f.url)],
  ['node http / net / streams', (f) => /^node:(_http|http|net|stream|internal\/(http|streams|stream_base|net|timers|url|querystring)|events|buffer|url|querystring|timers)/.test(f.url) || /^node:internal\/(http|streams|stream_base_commons|net|timers|url|querystring|dns|process\/task_queues|event_target|events)/.test(f.url)],
  ['crypto (HMAC, hashes, uuid)', (f) => /node:(crypto|internal\/crypto)/.test(f.url)],
];
const OTHER = 'other (node internals, natives, unattributed)';

const [file, requestsArg, ...rest] = process.argv.slice(2);
if (!file || !requestsArg) {
  process.stderr.write('usage: node bench/profile-layers.mjs PROFILE.cpuprofile REQUESTS [--top N]\n');
  process.exit(2);
}
const requests = Number(requestsArg);
const topIndex = rest.indexOf('--top');
const top = topIndex >= 0 ? Number(rest[topIndex + 1]) : 0;

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const layerOf = new Map();
function classify(id) {
  if (layerOf.has(id)) return layerOf.get(id);
  const frame = nodes.get(id).callFrame;
  const own = LAYERS.find(([, matches]) => matches(frame));
  let layer;
  if (own) layer = own[0];
  else if (parent.has(id)) layer = classify(parent.get(id));
  else layer = OTHER;
  layerOf.set(id, layer);
  return layer;
}

// Sample durations: timeDeltas[i] is the time before sample i.
const byLayer = new Map();
const bySelf = new Map();
let busyUs = 0;
let idleUs = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  const dt = profile.timeDeltas[i + 1] ?? 0;
  const frame = nodes.get(id).callFrame;
  if (frame.functionName === '(idle)') {
    idleUs += dt;
    continue;
  }
  busyUs += dt;
  const layer = classify(id);
  byLayer.set(layer, (byLayer.get(layer) ?? 0) + dt);
  const self = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${frame.lineNumber + 1}`;
  bySelf.set(self, (bySelf.get(self) ?? 0) + dt);
}

const perRequest = (us) => (us / requests).toFixed(1);
const rows = [...byLayer.entries()].sort((a, b) => b[1] - a[1]);
process.stdout.write(`profile ${file}: ${(busyUs / 1e6).toFixed(2)} s busy, ${(idleUs / 1e6).toFixed(2)} s idle, ${requests} requests\n`);
process.stdout.write(`| layer | µs/request | share |\n|---|---:|---:|\n`);
for (const [layer, us] of rows) {
  process.stdout.write(`| ${layer} | ${perRequest(us)} | ${((100 * us) / busyUs).toFixed(1)} % |\n`);
}
process.stdout.write(`| **total (main thread, busy)** | **${perRequest(busyUs)}** | 100 % |\n`);
if (top > 0) {
  process.stdout.write(`\nTop ${top} functions by self time (µs/request):\n`);
  for (const [name, us] of [...bySelf.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${perRequest(us).padStart(7)}  ${name}\n`);
  }
}

// Preload that counts the promises (and other async resources) a server makes per request:
//   node --import ./bench/promise-count-preload.mjs dist/src/main.js
// On SIGWINCH it writes one line to stderr, `PROMISES <json>`, with the async resources created
// since the signal before, by type (HTTPINCOMINGMESSAGE counts the requests). Used by
// bench/promises-per-request.sh for the figures in docs/performance.md ("Fewer promises and router
// layers"). The hook itself makes the server slower: count with it, never time with it.
import { createHook } from 'node:async_hooks';

const counts = {};
createHook({
  init(_id, type) {
    counts[type] = (counts[type] ?? 0) + 1;
  },
}).enable();
process.on('SIGWINCH', () => {
  process._rawDebug(`PROMISES ${JSON.stringify(counts)}`);
  for (const key of Object.keys(counts)) delete counts[key];
});

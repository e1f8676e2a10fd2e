// Preload for a CPU profile of a running server, started and stopped from outside:
//   node --import ./bench/cpu-profile-preload.mjs dist/src/main.js
// SIGUSR1 is the inspector's and Nest's shutdown hooks take SIGUSR2, so: SIGWINCH starts the profiler, the next SIGWINCH
// writes it to $CPU_PROFILE_OUT (default ./server.cpuprofile) and stops it. Used to make the cost
// table in docs/performance.md (bench/profile-layers.mjs reads the file).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
let running = false;
process.on('SIGWINCH', () => {
  if (!running) {
    session.post('Profiler.setSamplingInterval', { interval: Number(process.env.CPU_PROFILE_INTERVAL_US ?? 200) }, () =>
      session.post('Profiler.enable', () => session.post('Profiler.start', () => (running = true))),
    );
    return;
  }
  session.post('Profiler.stop', (error, result) => {
    running = false;
    if (error) return process.stderr.write(`profile failed: ${error.message}\n`);
    const out = process.env.CPU_PROFILE_OUT ?? 'server.cpuprofile';
    writeFileSync(out, JSON.stringify(result.profile));
    process.stderr.write(`profile written to ${out}\n`);
  });
});

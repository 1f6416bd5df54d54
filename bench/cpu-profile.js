'use strict';
/**
 * BENCH_CPU_PROFILE=<file.cpuprofile>: a V8 CPU profile of what a bench measures, without its
 * seeding (open it in Chrome's DevTools, or read its self times). `start()` before the measured
 * part, `stop()` after it; without the variable both do nothing.
 */
async function startCpuProfile(file = process.env.BENCH_CPU_PROFILE) {
  if (!file) return { stop: async () => undefined };
  const { Session } = require('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await session.post('Profiler.stop');
      require('node:fs').writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

module.exports = { startCpuProfile };

'use strict';
// Preloaded (`node --require`) into the `serverless offline` process that scripts/commands/start.ts
// starts. If `npm start` dies without stopping it (SIGKILL, a crash), this process is re-parented:
// it then stops itself rather than live on as an orphan holding the ports. Plain JavaScript: it
// runs before any TypeScript loader. Worker threads (the Lambda handlers) inherit `--require`;
// only the main thread watches.
const { isMainThread } = require('node:worker_threads');

if (isMainThread) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    // serverless-offline stops its servers on SIGTERM; exit anyway if that takes too long.
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), 10_000).unref();
  }, 500);
  watch.unref();
}

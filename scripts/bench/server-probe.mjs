// Preloaded (`node --expose-gc --import`) into both benchmarked servers, so the orchestrator can
// ask for a full garbage collection before reading RSS: memory per stream is then live memory,
// not whatever garbage the connect phase left behind. The server code itself is untouched.
// Under `statuskit-feed serve --workers N` every worker runs this too (node:cluster forks with the
// primary's execArgv); the orchestrator talks to the primary, which passes the request on.
import cluster from 'node:cluster';

if (process.send && typeof globalThis.gc === 'function') {
  process.on('message', (message) => {
    if (message?.type !== 'gc') return;
    globalThis.gc();
    void collectInWorkers().then(() => process.send({ type: 'gc-done' }));
  });
  // A cluster worker's channel is node:cluster's own, and cluster already ends a worker whose
  // primary is gone; only a process the orchestrator started directly is seen to here.
  if (!cluster.isWorker) {
    // The IPC channel must not keep a server alive after it has closed, and a server must not
    // outlive the orchestrator if that crashes.
    process.channel?.unref();
    process.on('disconnect', () => process.exit(0));
  }
}

/** In a cluster primary: a full GC in every worker (none without workers), at most 30 s. */
function collectInWorkers() {
  if (!cluster.isPrimary) return Promise.resolve();
  const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker?.isConnected());
  return Promise.all(
    workers.map(
      (worker) =>
        new Promise((resolve) => {
          const done = () => {
            clearTimeout(timer);
            worker.off('message', onMessage);
            resolve();
          };
          const onMessage = (message) => {
            if (message?.type === 'gc-done') done();
          };
          const timer = setTimeout(done, 30_000);
          worker.on('message', onMessage);
          worker.send({ type: 'gc' });
        }),
    ),
  );
}

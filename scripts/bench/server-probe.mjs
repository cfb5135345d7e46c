// Preloaded (`node --expose-gc --import`) into both benchmarked servers, so the orchestrator can
// ask for a full garbage collection before reading RSS: memory per stream is then live memory,
// not whatever garbage the connect phase left behind. The server code itself is untouched.
if (process.send && typeof globalThis.gc === 'function') {
  process.on('message', (message) => {
    if (message?.type !== 'gc') return;
    globalThis.gc();
    process.send({ type: 'gc-done' });
  });
  // The IPC channel must not keep a server alive after it has closed, and a server must not
  // outlive the orchestrator if that crashes.
  process.channel?.unref();
  process.on('disconnect', () => process.exit(0));
}

// The processes that hold the benchmarks' real clients (storm-clients.mjs), driven over IPC:
// started, asked, polled until every client is live and current, and stopped. Shared by
// reconnect-storm.mjs and faults.mjs.
import { fileURLToPath } from 'node:url';
import { ask as askChild, next } from './child-messages.mjs';

export const stormClients = fileURLToPath(new URL('./storm-clients.mjs', import.meta.url));

const now = () => performance.timeOrigin + performance.now();

/** Starts a client process with `spawn(['node', file], options)`; resolves once it said hello. */
export async function startClientWorker(spawn) {
  const child = spawn(['node', stormClients], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await next(child, 'hello', 10_000);
  return child;
}

/** Closes its clients and lets it go; SIGKILL if it does not exit within 5 s. */
export async function stopClientWorker(worker) {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  await askWorker(worker, { type: 'close' }, 5_000).catch(() => undefined);
  if (worker.connected) worker.disconnect();
  const timer = setTimeout(() => worker.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Sends a message to a client process and waits for its answer. */
export function askWorker(child, message, timeoutMs = 60_000) {
  return askChild(child, message, { replies: { open: 'opened', close: 'closed' }, timeoutMs });
}

/**
 * Arrivals are stamped in the workers and compared with stamps taken here, all with
 * performance.timeOrigin + performance.now(); this checks that the clocks agree: every worker's
 * stamp must fall between this process's stamps before and after asking.
 */
export async function checkClock(workers, who) {
  let worst = 0;
  let consistent = true;
  for (const worker of workers) {
    for (let trip = 0; trip < 10; trip += 1) {
      const sent = now();
      const { at } = await askWorker(worker, { type: 'clock' });
      const back = now();
      if (at < sent || at > back) {
        consistent = false;
        worst = Math.max(worst, sent - at, at - back);
      }
    }
  }
  if (!consistent) {
    console.warn(`${who}: worker clocks differ by up to ${worst.toFixed(1)} ms`);
  }
  return { consistent, worstSkewMs: Math.round(worst * 10) / 10 };
}

/**
 * Waits until all `clients` are live and hold `target`, or until `timeoutMs` passed; polls the
 * workers every 100 ms. Resolves with the last counts.
 */
export async function waitForClients(workers, clients, target, timeoutMs) {
  const deadline = now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(
      workers.map((worker) => askWorker(worker, { type: 'progress', revision: target })),
    );
    const total = (key) => counts.reduce((sum, count) => sum + count[key], 0);
    const progress = {
      live: total('live'),
      current: total('current'),
      ready: total('ready'),
      polling: total('polling'),
      stopped: total('stopped'),
      at: now(),
    };
    if (progress.ready === clients || progress.at > deadline) return progress;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Request and answer over a child process's IPC channel, for the benchmarks' worker processes.

/**
 * Sends `message` and waits for the answer: the next message whose `type` is
 * `replies[message.type]`, or the request's own type when `replies` has none.
 */
export function ask(child, message, { replies = {}, timeoutMs = 60_000 } = {}) {
  const answer = next(child, replies[message.type] ?? message.type, timeoutMs);
  child.send(message);
  return answer;
}

/** The next message of `type` from `child`; rejects after `timeoutMs`. */
export function next(child, type, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no "${type}" from process ${child.pid} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message) => {
      if (message?.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
  });
}

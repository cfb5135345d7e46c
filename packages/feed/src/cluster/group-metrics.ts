import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { HttpError } from '../http/http-error.js';
import type { MetricsGroup } from '../metrics.js';
import { isMetricsAnswer, isMetricsRequest, type MetricsAnswer } from './messages.js';

/** Longer than prom-client's own 5 s wait for the workers, so the primary's answer comes first. */
const ANSWER_TIMEOUT_MS = 7_000;

/**
 * In the primary: answers a worker's request for the group's metrics with prom-client's
 * aggregate of every worker's registry (each worker's `statuskit_…` totals added up, gauges as
 * `feedRegistry` says). Returns a function that stops answering.
 */
export function answerGroupMetrics(): () => void {
  const aggregator = new AggregatorRegistry();
  const answer = (worker: Worker, message: MetricsAnswer): void => {
    // A worker that died meanwhile has no one left to answer.
    if (worker.isConnected()) worker.send(message, () => undefined);
  };
  const onMessage = (worker: Worker, message: unknown): void => {
    if (!isMetricsRequest(message)) return;
    const { id } = message;
    aggregator.clusterMetrics().then(
      (text) => {
        answer(worker, { type: 'statuskit:metrics', id, text });
      },
      (error: unknown) => {
        answer(worker, { type: 'statuskit:metrics', id, error: String(error) });
      },
    );
  };
  cluster.on('message', onMessage);
  return () => {
    cluster.off('message', onMessage);
  };
}

/**
 * In a worker: `/metrics` asks the primary, which gathers every worker's registry (this one's
 * too) over IPC, so a scrape of the shared port sees the whole group whichever worker answers.
 */
export function workerMetricsGroup(worker: string): MetricsGroup {
  // Constructing one makes prom-client answer the primary's requests from this worker.
  new AggregatorRegistry();
  let nextId = 0;
  const pending = new Map<number, (answer: MetricsAnswer) => void>();
  process.on('message', (message) => {
    if (!isMetricsAnswer(message)) return;
    pending.get(message.id)?.(message);
  });
  const unavailable = (why: string): HttpError =>
    new HttpError(503, `the worker group's metrics are not available: ${why}`, undefined, {
      'retry-after': '5',
    });
  return {
    worker,
    join(registry: Registry) {
      AggregatorRegistry.setRegistries([registry]);
      return () =>
        new Promise<string>((resolve, reject) => {
          const id = nextId++;
          const settle = (answer: MetricsAnswer): void => {
            clearTimeout(timer);
            pending.delete(id);
            if (answer.text !== undefined) resolve(answer.text);
            else reject(unavailable(answer.error ?? 'no answer'));
          };
          const timer = setTimeout(() => {
            settle({ type: 'statuskit:metrics', id, error: 'the primary did not answer in time' });
          }, ANSWER_TIMEOUT_MS);
          pending.set(id, settle);
          if (!process.send) {
            settle({ type: 'statuskit:metrics', id, error: 'this process is not a worker' });
            return;
          }
          process.send({ type: 'statuskit:metrics-request', id }, undefined, {}, (error) => {
            if (error) settle({ type: 'statuskit:metrics', id, error: error.message });
          });
        });
    },
  };
}

import type { Redis } from 'ioredis';
import { describeError } from './data-dir.js';

/** `strict` refuses to start on a Redis that may lose acknowledged writes; `relaxed` accepts it. */
export type StoreDurability = 'strict' | 'relaxed';

/**
 * Why Redis may lose a write it has acknowledged, or `undefined` when it will not: without
 * replicas, the append-only file must be fsynced before every reply (`appendonly yes`,
 * `appendfsync always`); with replicas, `WAIT` must reach that many of them.
 */
export async function durabilityProblem(
  redis: Redis,
  replicas: number,
  waitTimeoutMs: number,
): Promise<string | undefined> {
  if (replicas > 0) {
    const reached = await redis.wait(replicas, waitTimeoutMs);
    return reached >= replicas
      ? undefined
      : `WAIT reached ${reached} of the ${replicas} replicas --store-replicas asks for within ${waitTimeoutMs} ms`;
  }
  let settings: Map<string, string>;
  try {
    settings = configMap(await redis.config('GET', 'append*'));
  } catch (error) {
    return `its settings cannot be read (CONFIG GET failed: ${describeError(error)}), so durability cannot be checked`;
  }
  const appendonly = settings.get('appendonly') ?? 'unknown';
  const appendfsync = settings.get('appendfsync') ?? 'unknown';
  if (appendonly === 'yes' && appendfsync === 'always') return undefined;
  return `it has appendonly "${appendonly}" and appendfsync "${appendfsync}", so a write it acknowledged can be lost in a crash`;
}

/** The refusal printed at start-up: what is wrong and the two ways out. */
export function durabilityRefusal(where: string, problem: string): string {
  return (
    `Redis at ${where} is not durable enough for strict mode: ${problem}; set "appendonly yes" ` +
    `and "appendfsync always" in redis.conf (or give --store-replicas N with replicas), or pass ` +
    `--store-durability relaxed to accept losing recently acknowledged changes`
  );
}

function configMap(reply: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!Array.isArray(reply)) return map;
  for (let index = 0; index + 1 < reply.length; index += 2) {
    const key: unknown = reply[index];
    const value: unknown = reply[index + 1];
    if (typeof key === 'string' && typeof value === 'string') map.set(key, value);
  }
  return map;
}

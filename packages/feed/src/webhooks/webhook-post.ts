/**
 * One delivery attempt: a POST to the receiver, connected to the address `checkedAddress`
 * approved, with a time limit for the whole exchange. Redirects are not followed (a 3xx is a
 * failed attempt): a receiver could otherwise point the feed at an address it may not reach.
 */
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkedAddress, ReceiverAddressError } from './private-address.js';

export const DELIVERY_TIMEOUT_MS = 10_000;

export type AttemptOutcome =
  | { readonly kind: 'delivered'; readonly status: number }
  /** 410 Gone: the receiver wants no more. */
  | { readonly kind: 'gone' }
  | {
      readonly kind: 'failed';
      /** For `/metrics`: `rejected` (an answer other than 2xx), `timeout`, `network` or `refused` (address). */
      readonly result: 'rejected' | 'timeout' | 'network' | 'refused';
      readonly reason: string;
      /** From `Retry-After` on a 429 or 503: the receiver's own wait. */
      readonly retryAfterMs?: number;
    };

export interface Attempt {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly allowPrivateAddresses: boolean;
  readonly timeoutMs?: number;
  /** The wall clock, for `Retry-After` given as a date. */
  readonly now: () => Date;
  /** Aborts the attempt (the feed is stopping). */
  readonly signal?: AbortSignal;
}

export async function postDelivery(attempt: Attempt): Promise<AttemptOutcome> {
  const url = new URL(attempt.url);
  let pinned: Awaited<ReturnType<typeof checkedAddress>>;
  try {
    pinned = await checkedAddress(url.hostname, attempt.allowPrivateAddresses);
  } catch (error) {
    if (!(error instanceof ReceiverAddressError)) throw error;
    return { kind: 'failed', result: 'refused', reason: error.message };
  }
  // Node asks this for the connection's address: it gets the one checked above, never a new answer.
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const options: RequestOptions = {
    method: 'POST',
    lookup,
    agent: false,
    ...(attempt.signal && { signal: attempt.signal }),
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(attempt.body)),
      'user-agent': 'statuskit-feed webhooks',
      ...attempt.headers,
    },
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeoutMs = attempt.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  return new Promise<AttemptOutcome>((resolve) => {
    const req = send(url, options, (res) => {
      // Only the status matters; the body is read and dropped so the socket can close.
      res.resume();
      res.on('end', () => {
        clearTimeout(timer);
        resolve(outcomeOf(res, attempt.now()));
      });
      res.on('error', () => undefined);
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`));
      resolve({
        kind: 'failed',
        result: 'timeout',
        reason: `no answer within ${timeoutMs / 1000} s`,
      });
    }, timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      resolve({ kind: 'failed', result: 'network', reason: error.message });
    });
    req.end(attempt.body);
  });
}

function outcomeOf(res: IncomingMessage, now: Date): AttemptOutcome {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 410) return { kind: 'gone' };
  const retryAfterMs =
    status === 429 || status === 503 ? retryAfter(res.headers['retry-after'], now) : undefined;
  return {
    kind: 'failed',
    result: 'rejected',
    reason: `the receiver answered ${status}`,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  };
}

/** `Retry-After` as seconds or an HTTP date, in ms from now; `undefined` when absent or unreadable. */
export function retryAfter(header: string | undefined, now: Date): number | undefined {
  if (header === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

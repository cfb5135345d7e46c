/**
 * One HTTP check of one probe, on node:http/https directly: the TLS certificate is needed for
 * its expiry, and redirects are followed by hand so a probe only ever requests the hosts its
 * config allows. One deadline covers connecting, the headers and the body.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { PROBE_BODY_LIMIT, type ProbeSettings } from '@statuskit/model';

/** Redirects followed at most in one check (curl's and browsers' limits are larger; a health URL needs few). */
export const MAX_REDIRECTS = 5;

/** Why a check failed; `detail` is for logs and operators, never for the public. */
export type CheckFailure =
  | { readonly kind: 'timeout'; readonly detail: string }
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'tls'; readonly detail: string }
  | { readonly kind: 'status'; readonly status: number; readonly detail: string }
  | { readonly kind: 'body'; readonly detail: string }
  | { readonly kind: 'redirect'; readonly detail: string };

export interface CheckOutcome {
  readonly ok: boolean;
  readonly durationMs: number;
  /** Set when `ok` is false. */
  readonly failure?: CheckFailure;
  /** The probe URL's certificate's `notAfter`, Unix ms, when it was served over TLS. */
  readonly certificateExpiresAt?: number;
}

interface Answer {
  readonly response: IncomingMessage;
  readonly certificateExpiresAt?: number;
}

class CheckFailed extends Error {
  constructor(readonly failure: CheckFailure) {
    super(failure.detail);
  }
}

function accepts(probe: ProbeSettings, status: number): boolean {
  return probe.expect.status.some((range) => status >= range.from && status <= range.to);
}

/** Runs one check; never throws (every failure is an outcome), never outlives the timeout. */
export async function checkOnce(
  probe: ProbeSettings,
  clock: () => number = performance.now.bind(performance),
): Promise<CheckOutcome> {
  const started = clock();
  const controller = new AbortController();
  const timeoutMs = probe.timeoutSeconds * 1000;
  const timer = setTimeout(() => {
    controller.abort();
  }, timeoutMs);
  let certificateExpiresAt: number | undefined;
  const finish = (failure?: CheckFailure): CheckOutcome => ({
    ok: failure === undefined,
    durationMs: Math.max(0, clock() - started),
    ...(failure && { failure }),
    ...(certificateExpiresAt !== undefined && { certificateExpiresAt }),
  });
  try {
    const origin = new URL(probe.url);
    let url = origin;
    for (let hops = 0; ; hops += 1) {
      const answer = await get(url, controller.signal);
      if (url === origin) certificateExpiresAt = answer.certificateExpiresAt;
      const { response } = answer;
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location !== undefined && !accepts(probe, status)) {
        response.resume();
        if (hops >= MAX_REDIRECTS) {
          throw new CheckFailed({
            kind: 'redirect',
            detail: `more than ${MAX_REDIRECTS} redirects`,
          });
        }
        url = redirectTarget(probe, origin, url, location);
        continue;
      }
      if (!accepts(probe, status)) {
        response.resume();
        throw new CheckFailed({ kind: 'status', status, detail: `answered HTTP ${status}` });
      }
      const body = await readBody(response, controller.signal);
      if (probe.expect.bodyContains !== undefined && !body.includes(probe.expect.bodyContains)) {
        throw new CheckFailed({
          kind: 'body',
          detail: `the first ${PROBE_BODY_LIMIT} bytes of the body do not contain the expected text`,
        });
      }
      return finish();
    }
  } catch (error) {
    if (controller.signal.aborted) {
      return finish({ kind: 'timeout', detail: `no complete answer within ${timeoutMs} ms` });
    }
    if (error instanceof CheckFailed) return finish(error.failure);
    return finish(connectionFailure(error));
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** The next URL of a redirect, when the probe may go there. */
function redirectTarget(probe: ProbeSettings, origin: URL, from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new CheckFailed({ kind: 'redirect', detail: 'redirected to an invalid location' });
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new CheckFailed({ kind: 'redirect', detail: `redirected to a ${next.protocol} URL` });
  }
  const host = next.hostname.toLowerCase();
  if (host !== origin.hostname.toLowerCase() && !(probe.followRedirectsTo ?? []).includes(host)) {
    throw new CheckFailed({
      kind: 'redirect',
      detail: `redirected to another host (${host}), which followRedirectsTo does not list`,
    });
  }
  return next;
}

/** One GET without keep-alive: every check makes a fresh connection (and TLS handshake). */
function get(url: URL, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let certificateExpiresAt: number | undefined;
    const options = {
      method: 'GET',
      signal,
      agent: false as const,
      headers: { 'user-agent': 'statuskit-feed probe', accept: '*/*' },
      // Verification stays on; this only notes the certificate it was done for.
      checkServerIdentity: (host: string, certificate: PeerCertificate) => {
        const expires = Date.parse(certificate.valid_to);
        if (Number.isFinite(expires)) certificateExpiresAt = expires;
        return checkServerIdentity(host, certificate);
      },
    };
    const request =
      url.protocol === 'https:' ? httpsRequest(url, options) : httpRequest(url, options);
    request.once('response', (response) => {
      // Ending the check aborts whatever is left of the exchange; that must not go unhandled.
      response.on('error', () => undefined);
      resolve({
        response,
        ...(certificateExpiresAt !== undefined && { certificateExpiresAt }),
      });
    });
    request.on('error', reject);
    request.end();
  });
}

/** At most `PROBE_BODY_LIMIT` bytes, as text; the rest is not waited for. */
function readBody(response: IncomingMessage, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      response.off('data', onData);
      resolve(Buffer.concat(chunks).subarray(0, PROBE_BODY_LIMIT).toString('utf8'));
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= PROBE_BODY_LIMIT) {
        done();
        response.destroy();
      }
    };
    response.on('data', onData);
    response.once('end', done);
    // The deadline passed mid-body: `checkOnce` reports the timeout.
    const abandon = (): void => {
      reject(new Error('timed out reading the body'));
    };
    signal.addEventListener('abort', abandon, { once: true });
    response.once('error', (error) => {
      if (size >= PROBE_BODY_LIMIT) return;
      reject(error);
    });
  });
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|ERR_TLS|UNABLE_TO_VERIFY|HOSTNAME|ALTNAME/;

function connectionFailure(error: unknown): CheckFailure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (TLS_CODES.test(code)) return { kind: 'tls', detail: `${code}: ${message}` };
  return { kind: 'unreachable', detail: code === '' ? message : `${code}: ${message}` };
}

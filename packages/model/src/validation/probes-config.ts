/**
 * The `probes` list of the feed config: HTTP checks the feed runs itself, whose results set a
 * service's own status (actor `probe:<id>`) and measure its availability.
 *
 * Contract shared by the probe runner and the measured availability; the reader that validates
 * this group lives here too.
 */
import { id as idReader, numberReader, string, wholeNumberFrom } from './primitives.js';
import {
  allPresent,
  arrayOf,
  definedOnly,
  fieldPath,
  itemPath,
  quote,
  readObject,
  type Issues,
  type Reader,
} from './reader.js';
import { serviceRef, type References } from './references.js';

export interface ProbeExpectation {
  /** Accepted HTTP status codes, e.g. `"200-299"` or `"200,204,301-302"`, parsed. */
  readonly status: readonly { readonly from: number; readonly to: number }[];
  /** Text the body must contain (case-sensitive), read from at most the first 64 KiB. */
  readonly bodyContains?: string;
}

export interface ProbeSettings {
  /** Slug like a service id; defaults to the service id (then one probe per service). */
  readonly id: string;
  /** The service whose status and availability this probe reports. */
  readonly service: string;
  /** `http:` or `https:` URL; the only address this probe ever requests. */
  readonly url: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly expect: ProbeExpectation;
  /** A successful check slower than this counts towards `degraded`. */
  readonly degradedAboveMs?: number;
  readonly failuresBeforeDown: number;
  readonly successesBeforeUp: number;
  /** Hosts a redirect may lead to besides the URL's own; none by default. */
  readonly followRedirectsTo?: readonly string[];
}

export const PROBE_DEFAULTS = {
  intervalSeconds: 60,
  timeoutSeconds: 10,
  expectStatus: '200-299',
  failuresBeforeDown: 3,
  successesBeforeUp: 2,
} as const;

/** Bytes of the body a check reads at most, so `bodyContains` cannot make it read without end. */
export const PROBE_BODY_LIMIT = 64 * 1024;

const STATUS_PART = /^(\d{3})(?:-(\d{3}))?$/;

/** `"200-299"`, `"200,204,301-302"` → ranges; `undefined` when any part is not 100–599. */
export function parseStatusRanges(text: string): ProbeExpectation['status'] | undefined {
  const ranges: { from: number; to: number }[] = [];
  for (const part of text.split(',')) {
    const match = STATUS_PART.exec(part.trim());
    if (!match) return undefined;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 100 || to > 599 || from > to) return undefined;
    ranges.push({ from, to });
  }
  return ranges;
}

const statusRanges: Reader<ProbeExpectation['status']> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined) return undefined;
  const ranges = parseStatusRanges(text);
  if (ranges) return ranges;
  issues.push({
    path,
    message: `${quote(text)} is not a list of HTTP status codes and ranges from 100 to 599, e.g. "200-299" or "200,204"`,
  });
  return undefined;
};

/** Text short enough to be found in the part of the body a check reads. */
const bodyText: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined) return undefined;
  const problem =
    text === '' ? 'must not be empty' : text.length > 1024 ? 'must be at most 1024 characters' : '';
  if (problem === '') return text;
  issues.push({ path, message: problem });
  return undefined;
};

const expectation: Reader<ProbeExpectation> = (value, path, issues) =>
  readObject(value, path, issues, (fields) => {
    const status = fields.optional('status', statusRanges);
    const bodyContains = fields.optional('bodyContains', bodyText);
    if (fields.has('status') && status === undefined) return undefined;
    return {
      status: status ?? defaultStatus(),
      ...definedOnly({ bodyContains }),
    };
  });

function defaultStatus(): ProbeExpectation['status'] {
  return parseStatusRanges(PROBE_DEFAULTS.expectStatus) ?? [];
}

const probeUrl: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = /\s/.test(text) ? undefined : new URL(text);
  } catch {
    parsed = undefined;
  }
  if (
    !parsed ||
    (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
    !parsed.hostname
  ) {
    issues.push({
      path,
      message: `${quote(text)} is not an http or https URL such as "https://example.dk/health"`,
    });
    return undefined;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    issues.push({
      path,
      message:
        'must not hold a user name or password (the URL is logged and shown in metrics); put credentials elsewhere',
    });
    return undefined;
  }
  return text;
};

// A DNS name or an IPv4 address: labels of letters, digits and hyphens.
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const hostName: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined) return undefined;
  if (HOST_NAME.test(text)) return text.toLowerCase();
  issues.push({
    path,
    message: `${quote(text)} is not a host name such as "login.example.dk" (no scheme, port or path)`,
  });
  return undefined;
};

const intervalSeconds = wholeNumberFrom(10, 86_400, 'seconds', 'one day');
const timeoutSeconds = wholeNumberFrom(1, 60, 'seconds');
const checkCount = wholeNumberFrom(1, 10);
const milliseconds = numberReader(
  (n) => Number.isSafeInteger(n) && n > 0,
  'must be a whole number of milliseconds above 0',
);

function probe(references: References): Reader<ProbeSettings> {
  const knownService = serviceRef(references);
  return (value, path, issues) =>
    readObject(value, path, issues, (fields) => {
      const interval = fields.optional('intervalSeconds', intervalSeconds);
      const timeout = fields.optional('timeoutSeconds', timeoutSeconds);
      const degraded = fields.optional('degradedAboveMs', milliseconds);
      const required = allPresent({
        service: fields.required('service', knownService),
        url: fields.required('url', probeUrl),
        // Absent: the default expectation; present but invalid: its issue is recorded.
        expect:
          fields.optional('expect', expectation) ??
          (fields.has('expect') ? undefined : { status: defaultStatus() }),
      });
      const id = fields.optional('id', idReader);
      const optional = definedOnly({
        degradedAboveMs: degraded,
        followRedirectsTo: fields.optional('followRedirectsTo', arrayOf(hostName)),
      });
      const failuresBeforeDown = fields.optional('failuresBeforeDown', checkCount);
      const successesBeforeUp = fields.optional('successesBeforeUp', checkCount);
      const intervalOrDefault = interval ?? PROBE_DEFAULTS.intervalSeconds;
      const timeoutOrDefault = timeout ?? PROBE_DEFAULTS.timeoutSeconds;
      if (timeout !== undefined && timeout > intervalOrDefault) {
        issues.push({
          path: fieldPath(path, 'timeoutSeconds'),
          message: `must not be longer than intervalSeconds (${intervalOrDefault}): a check must end before the next one is due`,
        });
        return undefined;
      }
      if (degraded !== undefined && degraded >= timeoutOrDefault * 1000) {
        issues.push({
          path: fieldPath(path, 'degradedAboveMs'),
          message: `must be less than the timeout (${timeoutOrDefault * 1000} ms)`,
        });
        return undefined;
      }
      if (!required) return undefined;
      return {
        id: id ?? required.service,
        ...required,
        intervalSeconds: intervalOrDefault,
        timeoutSeconds: timeoutOrDefault,
        failuresBeforeDown: failuresBeforeDown ?? PROBE_DEFAULTS.failuresBeforeDown,
        successesBeforeUp: successesBeforeUp ?? PROBE_DEFAULTS.successesBeforeUp,
        ...optional,
      };
    });
}

/** Two probes under one id would mix their results and states; the id names the actor. */
function duplicateProbeIds(probes: readonly ProbeSettings[], path: string, issues: Issues): void {
  const first = new Map<string, number>();
  probes.forEach((entry, index) => {
    const earlier = first.get(entry.id);
    if (earlier === undefined) {
      first.set(entry.id, index);
      return;
    }
    issues.push({
      path: `${itemPath(path, index)}.id`,
      message: `probe id "${entry.id}" is also the id of ${itemPath(path, earlier)} (it defaults to the service id): give each probe of one service an id of its own`,
    });
  });
}

/** Reads `probes`: each entry checked and filled in, ids unique, services known. */
export function probeList(references: References): Reader<ProbeSettings[]> {
  const list = arrayOf(probe(references));
  return (value, path, issues) => {
    const probes = list(value, path, issues);
    if (probes) duplicateProbeIds(probes, path, issues);
    return probes;
  };
}

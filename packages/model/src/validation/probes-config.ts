/**
 * The `probes` list of the feed config: HTTP checks the feed runs itself, whose results set a
 * service's own status (actor `probe:<id>`) and measure its availability.
 *
 * Contract shared by the probe runner and the measured availability; the reader that validates
 * this group lives here too.
 */

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

import { describe, expect, it } from 'vitest';
import {
  PROBE_DEFAULTS,
  parseStatusRanges,
  validateDocument,
  validateFeedConfig,
} from '../src/validation/index.js';
import { edited, errorsOf } from './validation-fixtures.js';

const config = (probes?: unknown): Record<string, unknown> => ({
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  authorities: [{ id: 'digst', name: { da: 'Digst' }, tokens: [`sha256:${'a'.repeat(64)}`] }],
  services: [
    { id: 'eid', name: { da: 'MitID' }, owner: 'digst' },
    { id: 'post', name: { da: 'Digital Post' }, owner: 'digst' },
  ],
  ...(probes !== undefined && { probes }),
});

const problems = (input: unknown): string[] => {
  const result = validateFeedConfig(input);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
};

const probe = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  service: 'eid',
  url: 'https://mitid.example/health',
  ...overrides,
});

describe('probes in the feed config', () => {
  it('are optional', () => {
    const result = validateFeedConfig(config());
    expect(result.ok && result.value.probes).toBeUndefined();
  });

  it('fill in the defaults of the issue; the id defaults to the service id', () => {
    const result = validateFeedConfig(config([probe()]));
    expect(result.ok && result.value.probes).toEqual([
      {
        id: 'eid',
        service: 'eid',
        url: 'https://mitid.example/health',
        intervalSeconds: 60,
        timeoutSeconds: 10,
        expect: { status: [{ from: 200, to: 299 }] },
        failuresBeforeDown: 3,
        successesBeforeUp: 2,
      },
    ]);
    expect(PROBE_DEFAULTS).toMatchObject({ intervalSeconds: 60, timeoutSeconds: 10 });
  });

  it('keep every setting given', () => {
    const result = validateFeedConfig(
      config([
        probe({
          id: 'eid-login',
          url: 'http://mitid.example:8080/login?probe=1',
          intervalSeconds: 30,
          timeoutSeconds: 5,
          expect: { status: '200,204,301-302', bodyContains: 'OK' },
          degradedAboveMs: 2000,
          failuresBeforeDown: 1,
          successesBeforeUp: 10,
          followRedirectsTo: ['login.mitid.example', 'LOGIN2.mitid.example'],
        }),
      ]),
    );
    expect(result.ok && result.value.probes).toEqual([
      {
        id: 'eid-login',
        service: 'eid',
        url: 'http://mitid.example:8080/login?probe=1',
        intervalSeconds: 30,
        timeoutSeconds: 5,
        expect: {
          status: [
            { from: 200, to: 200 },
            { from: 204, to: 204 },
            { from: 301, to: 302 },
          ],
          bodyContains: 'OK',
        },
        degradedAboveMs: 2000,
        failuresBeforeDown: 1,
        successesBeforeUp: 10,
        followRedirectsTo: ['login.mitid.example', 'login2.mitid.example'],
      },
    ]);
  });

  it('need their own ids when two watch one service', () => {
    expect(problems(config([probe(), probe({ url: 'https://mitid.example/other' })]))).toEqual([
      'probes[1].id: probe id "eid" is also the id of probes[0] (it defaults to the service id): give each probe of one service an id of its own',
    ]);
    expect(problems(config([probe({ id: 'a' }), probe({ id: 'b' })]))).toEqual([]);
  });

  it('name an unknown service and a bad id', () => {
    expect(problems(config([probe({ service: 'nemid' })]))).toEqual([
      'probes[0].service: unknown service "nemid"',
    ]);
    expect(problems(config([probe({ id: 'Bad Id' })]))[0]).toMatch(/^probes\[0\]\.id: "Bad Id"/);
    expect(problems(config([{ url: 'https://x.example' }]))).toEqual([
      'probes[0].service: is required',
    ]);
  });

  it('accept only http and https URLs without credentials', () => {
    const message = (url: string): string[] => problems(config([probe({ url })]));
    expect(message('ftp://mitid.example/')).toEqual([
      'probes[0].url: "ftp://mitid.example/" is not an http or https URL such as "https://example.dk/health"',
    ]);
    expect(message('not a url')).toHaveLength(1);
    expect(message('https://user:secret@mitid.example/')).toEqual([
      'probes[0].url: must not hold a user name or password (the URL is logged and shown in metrics); put credentials elsewhere',
    ]);
  });

  it('parse expected statuses and refuse malformed ones, naming the field', () => {
    expect(parseStatusRanges('200-299')).toEqual([{ from: 200, to: 299 }]);
    expect(parseStatusRanges(' 200 , 204 ')).toEqual([
      { from: 200, to: 200 },
      { from: 204, to: 204 },
    ]);
    for (const bad of ['', '200-', '99', '600', '299-200', 'ok', '200,,204', '200-700']) {
      expect(parseStatusRanges(bad)).toBeUndefined();
    }
    expect(problems(config([{}, {}, probe({ id: 'x', expect: { status: '299-200' } })]))).toEqual(
      expect.arrayContaining([
        'probes[2].expect.status: "299-200" is not a list of HTTP status codes and ranges from 100 to 599, e.g. "200-299" or "200,204"',
      ]),
    );
    expect(problems(config([probe({ expect: { bodyContains: '' } })]))).toEqual([
      'probes[0].expect.bodyContains: must not be empty',
    ]);
    expect(problems(config([probe({ expect: { statuses: '200' } })]))).toEqual([
      'probes[0].expect.statuses: unknown field "statuses"',
    ]);
  });

  it('keep the interval, timeout and counts within their bounds', () => {
    const of = (overrides: Record<string, unknown>): string[] =>
      problems(config([probe(overrides)]));
    expect(of({ intervalSeconds: 9 })).toEqual([
      'probes[0].intervalSeconds: must be a whole number of seconds from 10 to 86400 (one day)',
    ]);
    expect(of({ intervalSeconds: 86401 })).toHaveLength(1);
    expect(of({ timeoutSeconds: 0 })).toEqual([
      'probes[0].timeoutSeconds: must be a whole number of seconds from 1 to 60',
    ]);
    expect(of({ intervalSeconds: 10, timeoutSeconds: 11 })).toEqual([
      'probes[0].timeoutSeconds: must not be longer than intervalSeconds (10): a check must end before the next one is due',
    ]);
    expect(of({ timeoutSeconds: 61, intervalSeconds: 120 })).toHaveLength(1);
    expect(of({ failuresBeforeDown: 0 })).toEqual([
      'probes[0].failuresBeforeDown: must be a whole number from 1 to 10',
    ]);
    expect(of({ successesBeforeUp: 11 })).toEqual([
      'probes[0].successesBeforeUp: must be a whole number from 1 to 10',
    ]);
    expect(of({ degradedAboveMs: 10_000 })).toEqual([
      'probes[0].degradedAboveMs: must be less than the timeout (10000 ms)',
    ]);
    expect(of({ degradedAboveMs: 0.5 })).toEqual([
      'probes[0].degradedAboveMs: must be a whole number of milliseconds above 0',
    ]);
  });

  it('take host names, not URLs, in followRedirectsTo', () => {
    expect(problems(config([probe({ followRedirectsTo: ['https://login.example/'] })]))).toEqual([
      'probes[0].followRedirectsTo[0]: "https://login.example/" is not a host name such as "login.example.dk" (no scheme, port or path)',
    ]);
    expect(problems(config([probe({ followRedirectsTo: 'login.example' })]))).toEqual([
      'probes[0].followRedirectsTo: must be an array',
    ]);
  });

  it('must be a list', () => {
    expect(problems(config({ service: 'eid' }))).toEqual(['probes: must be an array']);
  });
});

describe('a service status origin in the document', () => {
  it('is "probe" or "operator", or absent', () => {
    for (const origin of ['probe', 'operator']) {
      expect(validateDocument(edited({ 'services[0].statusOrigin': origin })).ok).toBe(true);
    }
    expect(errorsOf(validateDocument(edited({ 'services[0].statusOrigin': 'alert' })))).toEqual([
      { path: 'services[0].statusOrigin', message: 'must be one of "probe", "operator"' },
    ]);
  });
});

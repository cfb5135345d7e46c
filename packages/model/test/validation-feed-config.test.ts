import { describe, expect, it } from 'vitest';
import { validateFeedConfig } from '../src/validation/index.js';

const HASH = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;

const config = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  authorities: [
    { id: 'digst', name: { da: 'Digitaliseringsstyrelsen' }, tokens: [HASH] },
    { id: 'tax', name: { da: 'Skattestyrelsen' }, tokens: [OTHER] },
  ],
  services: [
    { id: 'eid', name: { da: 'MitID' }, owner: 'digst' },
    { id: 'tax-return', name: { da: 'Selvangivelse' }, owner: 'tax', dependsOn: ['eid'] },
  ],
  ...overrides,
});

const problems = (input: unknown) => {
  const result = validateFeedConfig(input);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('validateFeedConfig', () => {
  it('fills in defaults: status operational, CORS open, heartbeat 15 s, history 1,000', () => {
    const result = validateFeedConfig(config());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.services.map((s) => s.status)).toEqual(['operational', 'operational']);
    expect(result.value.cors).toEqual({ origins: '*', adminOrigins: [] });
    expect(result.value.heartbeatSeconds).toBe(15);
    expect(result.value.historySize).toBe(1000);
    expect(result.value.liveWindowHours).toBe(24);
  });

  it('keeps explicit settings', () => {
    const result = validateFeedConfig(
      config({
        cors: { origins: ['https://skat.example', 'http://localhost:8080'] },
        heartbeatSeconds: 5,
        historySize: 10,
        liveWindowHours: 72,
      }),
    );
    expect(result.ok && result.value).toMatchObject({
      cors: { origins: ['https://skat.example', 'http://localhost:8080'] },
      heartbeatSeconds: 5,
      historySize: 10,
      liveWindowHours: 72,
    });
  });

  it('reports every problem with its path', () => {
    const errors = problems(
      config({
        timeZone: 'Mars/Olympus',
        heartbeatSeconds: 0,
        historySize: 2.5,
        liveWindowHours: 0.5,
        cors: { origins: ['https://skat.example/path'] },
        colour: 'red',
        services: [
          { id: 'eid', name: { da: 'MitID' }, owner: 'nobody' },
          { id: 'eid', name: { da: 'Igen' }, owner: 'digst', dependsOn: ['mitid2'] },
        ],
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^timeZone: /),
        'heartbeatSeconds: must be a whole number of seconds from 1 to 300',
        'historySize: must be a whole number from 1 to 1000000',
        'liveWindowHours: must be a whole number of hours from 1 to 720 (30 days)',
        'cors.origins[0]: "https://skat.example/path" is not an origin such as "https://skat.example"',
        'colour: unknown field "colour"',
        expect.stringMatching(/^services\[0\]\.owner: .*nobody/),
        expect.stringMatching(/^services\[1\]\.id: duplicate id "eid"/),
        'services[1].dependsOn[0]: unknown service "mitid2"',
      ]),
    );
  });

  it('requires token hashes in the sha256 form and at least one per authority', () => {
    const errors = problems(
      config({
        authorities: [
          { id: 'digst', name: { da: 'D' }, tokens: ['secret-in-clear-text'] },
          { id: 'tax', name: { da: 'S' }, tokens: [] },
        ],
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^authorities\[0\]\.tokens\[0\]: must be "sha256:"/),
        'authorities[1].tokens: must list at least one token hash',
      ]),
    );
  });

  it('refuses one token given to two authorities', () => {
    const errors = problems(
      config({
        authorities: [
          { id: 'digst', name: { da: 'D' }, tokens: [HASH] },
          { id: 'tax', name: { da: 'S' }, tokens: [OTHER, HASH] },
        ],
      }),
    );
    expect(errors).toEqual([
      'authorities[1].tokens[1]: the same token is also given to authority "digst"',
    ]);
  });

  it('names a dependency cycle in the catalogue', () => {
    const errors = problems(
      config({
        services: [
          { id: 'a', name: { da: 'A' }, owner: 'digst', dependsOn: ['b'] },
          { id: 'b', name: { da: 'B' }, owner: 'digst', dependsOn: ['a'] },
        ],
      }),
    );
    expect(errors.join('\n')).toContain('dependency cycle: a → b → a');
  });

  it('needs at least one authority and rejects a non-object', () => {
    expect(problems(config({ authorities: [] }))).toContain(
      'authorities: must list at least one authority',
    );
    expect(problems('nope')).toEqual([': must be an object']);
  });

  it('reads the admin origins apart from the public ones, and refuses what is not an origin', () => {
    const result = validateFeedConfig(
      config({ cors: { origins: '*', adminOrigins: ['https://ops.example.dk'] } }),
    );
    expect(result.ok && result.value.cors).toEqual({
      origins: '*',
      adminOrigins: ['https://ops.example.dk'],
    });
    expect(problems(config({ cors: { adminOrigins: '*' } }))).toEqual([
      'cors.adminOrigins: must be an array',
    ]);
    expect(problems(config({ cors: { adminOrigins: ['https://ops.example.dk/path'] } }))).toEqual([
      'cors.adminOrigins[0]: "https://ops.example.dk/path" is not an origin such as "https://skat.example"',
    ]);
  });

  it('fills in the console defaults and names a bad console field', () => {
    const result = validateFeedConfig(
      config({ console: { accessLogs: { 'tax-return': ['/var/log/nginx/skat.log'] } } }),
    );
    expect(result.ok && result.value.console).toEqual({
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      accessLogs: { 'tax-return': ['/var/log/nginx/skat.log'] },
    });
    expect(
      problems(
        config({
          console: {
            sessionIdleMinutes: 0,
            sessionMaxHours: 48,
            accessLogs: { 'no-such': ['/x.log'], eid: ['relative.log'], 'tax-return': [] },
          },
        }),
      ),
    ).toEqual([
      'console.sessionIdleMinutes: must be a whole number of minutes from 1 to 1440',
      'console.sessionMaxHours: must be a whole number of hours from 1 to 24',
      'console.accessLogs["no-such"]: no service "no-such" in "services"',
      'console.accessLogs.eid[0]: "relative.log" must be an absolute path, such as "/var/log/nginx/access.log"',
      'console.accessLogs["tax-return"]: must list at least one file',
    ]);
  });
});

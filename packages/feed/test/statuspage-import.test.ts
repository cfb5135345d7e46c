// Issue 12, part 6: `import-statuspage` turns a saved Statuspage summary.json or components.json
// into a config skeleton that loads, and back out through /api/v2 the same catalogue comes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { startFeedServer, type FeedServer } from '../src/server.js';
import { configFromStatuspage, StatuspageImportError } from '../src/statuspage/import.js';
import { hashToken, tokenMatches } from '../src/tokens.js';
import { runCli } from './helpers/cli.js';
import { http } from './helpers/http.js';
import { statuspageFixture } from './helpers/statuspage-shape.js';

const HASH = hashToken('imported-token-0123456789abcdef');

interface Component {
  id: string;
  name: string;
  status: string;
  group: boolean;
  group_id: string | null;
}

let dir: string;
let served: FeedServer | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-import-'));
});
afterEach(async () => {
  await served?.close();
  served = undefined;
  await rm(dir, { recursive: true, force: true });
});

const issuesOf = (input: unknown): string[] => {
  try {
    configFromStatuspage(input, HASH);
  } catch (error) {
    if (error instanceof StatuspageImportError)
      return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
};

describe('configFromStatuspage', () => {
  it('makes a service per component outside the groups, with ids from names and statuses, and notes the groups', () => {
    const { config, groups } = configFromStatuspage(statuspageFixture('components.json'), HASH);
    expect(config).toMatchObject({
      defaultLocale: 'en',
      timeZone: 'Etc/UTC',
      authorities: [
        { id: 'hashicorp-services', name: { en: 'HashiCorp Services' }, tokens: [HASH] },
      ],
    });
    expect(
      config.services.map((service) => [service.id, service.name['en'], service.status]),
    ).toEqual([
      ['hcp-portal', 'HCP Portal', 'degraded'],
      ['consul', 'Consul', 'operational'],
      ['vault', 'Vault', 'partial_outage'],
      ['vagrant-cloud', 'Vagrant Cloud', 'major_outage'],
      ['cost-estimation', 'Cost Estimation', 'operational'],
    ]);
    expect(groups).toEqual([
      { name: 'HashiCorp Cloud Platform (HCP)', services: ['hcp-portal', 'consul', 'vault'] },
    ]);
  });

  it('reads a summary.json the same way', () => {
    const { config } = configFromStatuspage(statuspageFixture('summary.json'), HASH);
    expect(config.services.map((service) => [service.id, service.status])).toEqual([
      ['git-operations', 'operational'],
      ['webhooks', 'degraded'],
    ]);
  });

  it('makes ids unique and valid from any name', () => {
    const component = (id: string, name: string) => ({ id, name, status: 'operational' });
    const { config } = configFromStatuspage(
      {
        components: [
          component('a', 'Log ind / MitID'),
          component('b', 'Log ind – MitID'),
          component('c', 'Københavns Kommune: Ærø'),
          component('d', '!!!'),
          component('e', 'x'.repeat(100)),
        ],
      },
      HASH,
    );
    expect(config.services.map((service) => service.id)).toEqual([
      'log-ind-mitid',
      'log-ind-mitid-2',
      'koebenhavns-kommune-aeroe',
      'service',
      'x'.repeat(64),
    ]);
  });

  it('names the field and the reason for input that is not a Statuspage page', () => {
    expect(issuesOf([])).toEqual([': must be a Statuspage summary.json or components.json object']);
    expect(issuesOf({ page: { name: 'x' } })).toEqual([
      'components: must be an array of components (save /api/v2/summary.json or /api/v2/components.json)',
    ]);
    expect(
      issuesOf({
        page: { name: 'X', time_zone: 'Mars/Olympus' },
        components: [
          { id: 'a', name: '', status: 'operational' },
          { id: 'b', name: 'B', status: 'on_fire' },
          'nope',
        ],
      }),
    ).toEqual([
      'page.time_zone: "Mars/Olympus" is not a time zone; use an IANA name such as Europe/Copenhagen',
      'components[0].name: must be a non-empty string',
      'components[1].status: "on_fire" is not a Statuspage component status (operational, degraded_performance, partial_outage, major_outage, under_maintenance)',
      'components[2]: must be an object',
    ]);
    expect(
      issuesOf({
        page: { name: 'P'.repeat(201) },
        components: [
          { id: 'a', name: 'A', status: 'operational' },
          { id: 'b', name: `B${'b'.repeat(200)}`, status: 'operational' },
          { id: 'c', name: 'C\u0007', status: 'operational' },
        ],
      }).map((issue) => issue.replace(/: .*/, '')),
    ).toEqual(['page.name', 'components[1].name', 'components[2].name']);
    expect(
      issuesOf({ components: [{ id: 'g', name: 'G', status: 'operational', group: true }] }),
    ).toEqual(['components: has no components outside groups to import']);
  });
});

describe('statuskit-feed import-statuspage', () => {
  it('prints a config that loads; served, its /api/v2/components.json has the names and statuses of the original', async () => {
    const file = join(dir, 'components.json');
    const original = statuspageFixture('components.json');
    await writeFile(file, JSON.stringify(original));
    const result = await runCli(['import-statuspage', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'group "HashiCorp Cloud Platform (HCP)": hcp-portal, consul, vault',
    );
    const token = /admin token of "hashicorp-services"[^:]*: (\S+)/.exec(result.stderr)?.[1] ?? '';
    const config = parseConfig(result.stdout, 'imported');
    expect(tokenMatches(token, config.authorities[0]?.tokens[0] ?? '')).toBe(true);

    served = await startFeedServer({ config, dataDir: dir, port: 0, log: silentLogger });
    const res = await http(`${served.url}/api/v2/components.json`);
    const back = res.json<{ components: Component[] }>().components;
    const members = (original['components'] as Component[]).filter((component) => !component.group);
    expect(back.map((component) => [component.name, component.status])).toEqual(
      members.map((component) => [component.name, component.status]),
    );
  });

  it('exits 1 naming the field for a file that is not a Statuspage page, 1 for a missing file, 2 without FILE', async () => {
    const file = join(dir, 'wrong.json');
    await writeFile(file, JSON.stringify({ components: [{ id: 'a', name: 'A', status: 'up' }] }));
    const wrong = await runCli(['import-statuspage', file]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toContain(
      'components[0].status: "up" is not a Statuspage component status',
    );
    expect(wrong.stderr).not.toMatch(/\n\s+at /);

    await writeFile(file, '{ nope');
    const broken = await runCli(['import-statuspage', file]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('is not valid JSON');

    const missing = await runCli(['import-statuspage', join(dir, 'nothing.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist');

    const usage = await runCli(['import-statuspage']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('import-statuspage takes one FILE');
  });
});

import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { applyChange, validateDocument, type StatusDocument } from '@statuskit/model';
import { describe, expect, it } from 'vitest';
import { initialDocument, reconcileCatalogue } from '../src/catalogue.js';
import { parseConfig } from '../src/config.js';
import type { LogEntry } from '../src/log.js';
import { StartupError } from '../src/server.js';
import { configJson, incidentBody, maintenanceBody, TOKENS } from './helpers/fixtures.js';
import { startTestFeed, tempDir } from './helpers/feed.js';
import { http, openStream } from './helpers/http.js';

const config = (overrides: Record<string, unknown> = {}) =>
  parseConfig(JSON.stringify(configJson(overrides)), 'test');

/** What a feed stores after its first start with `config()`. */
function catalogued(): StatusDocument {
  return reconcileCatalogue(config(), initialDocument(config()))
    .map((step) => step.change)
    .reduce(applyChange, initialDocument(config()));
}

function stored(): StatusDocument {
  const document = catalogued();
  return {
    ...document,
    services: document.services.map((service) =>
      service.id === 'eid'
        ? { ...service, status: 'degraded', statusSince: '2030-01-01T00:00:00Z' }
        : service,
    ),
    incidents: [
      {
        id: 'both',
        services: ['eid', 'permits'],
        impact: 'minor',
        title: { da: 'Fejl' },
        message: { da: 'Fejl' },
        state: 'investigating',
        startedAt: '2030-01-01T00:00:00Z',
        updates: [],
      },
      {
        id: 'only-permits',
        services: ['permits'],
        impact: 'minor',
        title: { da: 'Fejl' },
        message: { da: 'Fejl' },
        state: 'investigating',
        startedAt: '2030-01-01T00:00:00Z',
        updates: [],
      },
    ],
  };
}

describe('reconcileCatalogue', () => {
  it('publishes the whole catalogue on the first start', () => {
    const changes = reconcileCatalogue(config(), initialDocument(config())).map(
      (step) => step.change,
    );
    expect(
      changes.map((change) => (change.type === 'service' ? change.service.id : change.type)),
    ).toEqual(['eid', 'login', 'digital-post', 'tax-return', 'permits']);
  });

  it('changes nothing when the config matches what is stored', () => {
    expect(reconcileCatalogue(config(), catalogued())).toEqual([]);
  });

  it('publishes a changed definition but keeps the reported status', () => {
    const changed = configJson();
    (changed['services'] as Record<string, unknown>[])[0] = {
      id: 'eid',
      name: { da: 'MitID', en: 'MitID (national eID)' },
      owner: 'digst',
      url: 'https://www.mitid.dk',
    };
    const steps = reconcileCatalogue(parseConfig(JSON.stringify(changed), 'test'), stored());
    expect(steps.map((step) => step.summary)).toEqual(['service eid changed']);
    expect(steps.map((step) => step.change)).toEqual([
      {
        type: 'service',
        service: {
          id: 'eid',
          name: { da: 'MitID', en: 'MitID (national eID)' },
          owner: 'digst',
          url: 'https://www.mitid.dk',
          status: 'degraded',
          statusSince: '2030-01-01T00:00:00Z',
        },
      },
    ]);
  });

  it('removes a dropped service and every reference to it, keeping the document valid', () => {
    const withoutPermits = configJson();
    withoutPermits['services'] = (withoutPermits['services'] as { id: string }[]).filter(
      (service) => service.id !== 'permits',
    );
    const steps = reconcileCatalogue(parseConfig(JSON.stringify(withoutPermits), 'test'), stored());
    const changes = steps.map((step) => step.change);
    expect(changes.map((change) => change.type)).toEqual(['incident', 'removed', 'removed']);
    expect(changes[0]).toMatchObject({ incident: { id: 'both', services: ['eid'] } });
    expect(changes.slice(1)).toEqual([
      { type: 'removed', kind: 'incident', id: 'only-permits' },
      { type: 'removed', kind: 'service', id: 'permits' },
    ]);
    const after = changes.reduce(applyChange, stored());
    expect(validateDocument(after).ok).toBe(true);
    expect(steps.map((step) => step.summary)).toEqual([
      'investigating incident both cut (the config no longer declares permits)',
      'investigating incident only-permits removed (the config no longer declares permits)',
      'service permits removed',
    ]);
  });

  it('marks open incidents and planned maintenance it would cut as withdrawals, not history', () => {
    const [, onlyPermits] = stored().incidents;
    if (!onlyPermits) throw new Error('fixture changed');
    const resolved = { ...onlyPermits, id: 'old', state: 'resolved' as const };
    const window = {
      id: 'work',
      services: ['permits'],
      title: { da: 'Arbejde', en: 'Work' },
      message: { da: 'Arbejde' },
      scheduledStart: '2030-01-02T00:00:00Z',
      scheduledEnd: '2030-01-02T02:00:00Z',
      announcedAt: '2030-01-01T00:00:00Z',
    };
    const document: StatusDocument = {
      ...stored(),
      incidents: [...stored().incidents, resolved],
      maintenance: [
        { ...window, state: 'scheduled' },
        { ...window, id: 'done', state: 'completed' },
        { ...window, id: 'called-off', state: 'cancelled' },
      ],
    };
    const withoutPermits = configJson();
    withoutPermits['services'] = (withoutPermits['services'] as { id: string }[]).filter(
      (service) => service.id !== 'permits',
    );
    const steps = reconcileCatalogue(parseConfig(JSON.stringify(withoutPermits), 'test'), document);
    expect(steps.flatMap((step) => (step.withdrawal ? [step.withdrawal] : []))).toEqual([
      {
        kind: 'incident',
        id: 'both',
        title: 'Fejl',
        state: 'investigating',
        droppedServices: ['permits'],
        removed: false,
      },
      {
        kind: 'incident',
        id: 'only-permits',
        title: 'Fejl',
        state: 'investigating',
        droppedServices: ['permits'],
        removed: true,
      },
      {
        kind: 'maintenance',
        id: 'work',
        title: 'Arbejde',
        state: 'scheduled',
        droppedServices: ['permits'],
        removed: true,
      },
    ]);
    // History goes without the operator's word, but still in the log.
    expect(steps.filter((step) => !step.withdrawal).map((step) => step.summary)).toEqual([
      'resolved incident old removed (the config no longer declares permits)',
      'completed maintenance done removed (the config no longer declares permits)',
      'cancelled maintenance called-off removed (the config no longer declares permits)',
      'service permits removed',
    ]);
  });
});

describe('catalogue changes across a restart', () => {
  it('streams the new definitions and keeps statuses set before the restart', async () => {
    let feed = await startTestFeed({ dataDir: await tempDir() });
    await http(`${feed.url}/v1/admin/services/eid/status`, {
      method: 'PUT',
      token: 'digst-token-0123456789abcdef',
      body: { status: 'partial_outage' },
    });
    const dataDir = feed.dataDir;
    const before = feed.feed.store.revision;
    await feed.feed.close();
    feed = await startTestFeed({
      dataDir,
      configOverrides: {
        services: (configJson()['services'] as { id: string }[]).filter((s) => s.id !== 'permits'),
      },
    });
    const body = (await http(`${feed.url}/v1/status.json`)).json<{
      document: { services: { id: string; status: string }[] };
    }>();
    expect(body.document.services.map((s) => s.id)).not.toContain('permits');
    expect(body.document.services.find((s) => s.id === 'eid')?.status).toBe('partial_outage');

    // A page that was open before the restart resumes and learns of the removal.
    const stream = await openStream(`${feed.url}/v1/stream`, { 'last-event-id': String(before) });
    const removed = await stream.waitFor((event) => event.event === 'removed');
    expect(removed.json).toMatchObject({ kind: 'service', id: 'permits' });
    stream.close();
    await feed.close();
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('catalogue logs', () => {
  it('publishes the catalogue into an empty data dir in one info line, without warnings', async () => {
    const logs: LogEntry[] = [];
    const feed = await startTestFeed({ log: (entry) => logs.push(entry) });
    await feed.close();
    expect(logs.filter((entry) => entry.level === 'warn')).toEqual([]);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'info',
        msg: 'catalogue published from config',
        services: ['eid', 'login', 'digital-post', 'tax-return', 'permits'],
      }),
    );
  });
});

describe('a restart whose config drops a service that open work refers to', () => {
  /** A feed with an open incident and scheduled maintenance on `permits`, then stopped. */
  async function dataDirWithOpenWork(): Promise<string> {
    const feed = await startTestFeed({ dataDir: await tempDir() });
    const token = { token: TOKENS.tax };
    await http(`${feed.url}/v1/admin/incidents`, {
      method: 'POST',
      ...token,
      body: incidentBody({
        id: 'permits-slow',
        services: ['permits'],
        title: { da: 'Byggetilladelser er langsomme', en: 'Permits are slow' },
      }),
    });
    await http(`${feed.url}/v1/admin/maintenance`, {
      method: 'POST',
      ...token,
      body: maintenanceBody({ id: 'permits-upgrade', services: ['permits', 'tax-return'] }),
    });
    await feed.feed.close();
    return feed.dataDir;
  }

  /** The config after renaming `permits` to `building-permits`. */
  const renamed = {
    services: (configJson()['services'] as { id: string }[]).map((service) =>
      service.id === 'permits' ? { ...service, id: 'building-permits' } : service,
    ),
  };

  async function files(dataDir: string): Promise<Record<string, string>> {
    const names = (await readdir(dataDir)).filter((name) => name !== 'statuskit.lock');
    return Object.fromEntries(
      await Promise.all(
        names
          .filter((name) => name !== 'archive')
          .map(async (name) => [name, await readFile(join(dataDir, name), 'utf8')] as const),
      ),
    );
  }

  it('refuses to start, naming every open incident and planned maintenance, and changes nothing', async () => {
    const dataDir = await dataDirWithOpenWork();
    const before = await files(dataDir);
    const logs: LogEntry[] = [];
    const error = await startTestFeed({
      dataDir,
      configOverrides: renamed,
      log: (entry) => logs.push(entry),
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(StartupError);
    const message = (error as Error).message;
    expect(message).toContain(
      'incident permits-slow "Byggetilladelser er langsomme" (investigating) loses permits and is removed',
    );
    expect(message).toContain(
      'maintenance permits-upgrade "Planlagt vedligeholdelse" (scheduled) loses permits\n',
    );
    expect(message).toContain('--accept-catalogue-removals');
    expect(await files(dataDir)).toEqual(before);
    expect(logs.filter((entry) => entry.msg.startsWith('catalogue'))).toEqual([]);

    // The refused start let go of the data dir: the old config starts as before.
    const feed = await startTestFeed({ dataDir });
    const body = (await http(`${feed.url}/v1/status.json`)).json<{
      document: StatusDocument;
    }>();
    expect(body.document.incidents.map((incident) => incident.id)).toEqual(['permits-slow']);
    expect(body.document.maintenance[0]?.services).toEqual(['permits', 'tax-return']);
    await feed.feed.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("starts with the operator's word, logging every catalogue change at warning level", async () => {
    const dataDir = await dataDirWithOpenWork();
    const logs: LogEntry[] = [];
    const feed = await startTestFeed({
      dataDir,
      configOverrides: renamed,
      acceptCatalogueRemovals: true,
      log: (entry) => logs.push(entry),
    });
    const body = (await http(`${feed.url}/v1/status.json`)).json<{
      document: StatusDocument;
    }>();
    expect(body.document.incidents).toEqual([]);
    expect(body.document.maintenance[0]?.services).toEqual(['tax-return']);
    expect(
      logs
        .filter((entry) => entry.msg.startsWith('catalogue'))
        .map((entry) => [entry.level, entry.msg]),
    ).toEqual([
      ['warn', 'catalogue changed from config: service building-permits added'],
      [
        'warn',
        'catalogue changed from config: investigating incident permits-slow removed (the config no longer declares permits)',
      ],
      [
        'warn',
        'catalogue changed from config: scheduled maintenance permits-upgrade cut (the config no longer declares permits)',
      ],
      ['warn', 'catalogue changed from config: service permits removed'],
    ]);
    await feed.feed.close();
    await rm(dataDir, { recursive: true, force: true });
  });
});

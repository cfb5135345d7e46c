import { rm } from 'node:fs/promises';
import { applyChange, validateDocument, type StatusDocument } from '@statuskit/model';
import { describe, expect, it } from 'vitest';
import { initialDocument, reconcileCatalogue } from '../src/catalogue.js';
import { parseConfig } from '../src/config.js';
import { configJson } from './helpers/fixtures.js';
import { startTestFeed, tempDir } from './helpers/feed.js';
import { http, openStream } from './helpers/http.js';

const config = (overrides: Record<string, unknown> = {}) =>
  parseConfig(JSON.stringify(configJson(overrides)), 'test');

/** What a feed stores after its first start with `config()`. */
function catalogued(): StatusDocument {
  return reconcileCatalogue(config(), initialDocument(config())).reduce(
    applyChange,
    initialDocument(config()),
  );
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
    const changes = reconcileCatalogue(config(), initialDocument(config()));
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
    const changes = reconcileCatalogue(parseConfig(JSON.stringify(changed), 'test'), stored());
    expect(changes).toEqual([
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
    const changes = reconcileCatalogue(
      parseConfig(JSON.stringify(withoutPermits), 'test'),
      stored(),
    );
    expect(changes.map((change) => change.type)).toEqual(['incident', 'removed', 'removed']);
    expect(changes[0]).toMatchObject({ incident: { id: 'both', services: ['eid'] } });
    expect(changes.slice(1)).toEqual([
      { type: 'removed', kind: 'incident', id: 'only-permits' },
      { type: 'removed', kind: 'service', id: 'permits' },
    ]);
    const after = changes.reduce(applyChange, stored());
    expect(validateDocument(after).ok).toBe(true);
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

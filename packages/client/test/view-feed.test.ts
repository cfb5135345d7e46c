/**
 * The view client against the real feed (`startFeedServer`): what the protocol tests against a
 * small server in view-client.test.ts prove, here with the feed's own derivation and wording.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createViewClient, type ViewClient } from '../src/view/index.js';
import { TestFeed } from './helpers/feed.js';
import { recordingFetch } from './helpers/recording-fetch.js';
import { until, viewStateWhere } from './helpers/wait.js';

let feed: TestFeed;
beforeAll(async () => {
  feed = await TestFeed.start({ retryMs: 100 });
});
afterAll(async () => {
  await feed.dispose();
});

const clients: ViewClient[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const created of clients.splice(0)) created.close();
  // Each test starts from a quiet catalogue.
  if (feed.feed.store.document.services.find((s) => s.id === 'eid')?.status !== 'operational') {
    await feed.setStatus('eid', 'operational');
  }
});

function client(service: string, lang: string, fetch?: typeof globalThis.fetch): ViewClient {
  const created = createViewClient({
    feed: feed.url,
    service,
    lang,
    cache: false,
    shareAcrossTabs: false,
    ...(fetch ? { fetch } : {}),
  });
  clients.push(created);
  return created;
}

describe('the view client on the real feed', () => {
  it("receives the service's view, and a dependency's outage worded in the page's language", async () => {
    const danish = client('tax-return', 'da-DK');
    const english = client('tax-return', 'en');
    const quiet = await viewStateWhere(
      danish,
      (s) => s.view !== undefined && s.connection === 'live',
      'a view',
    );
    expect(quiet.view).toMatchObject({
      service: 'tax-return',
      lang: 'da',
      status: 'operational',
      notices: [],
    });
    await viewStateWhere(english, (s) => s.view?.lang === 'en', 'the English view');

    await feed.setStatus('eid', 'major_outage');
    const outage = await viewStateWhere(
      danish,
      (s) => (s.view?.notices.length ?? 0) > 0,
      'the outage',
    );
    const notice = outage.view?.notices[0];
    expect(outage.view?.status).toBe('major_outage');
    expect(notice?.chain.map((ref) => ref.id)).toEqual(['tax-return', 'login', 'eid']);
    expect(notice?.sentences.cause).toContain('MitID');
    const inEnglish = await viewStateWhere(
      english,
      (s) => (s.view?.notices.length ?? 0) > 0,
      'the English outage',
    );
    expect(inEnglish.view?.notices[0]?.sentences.cause).not.toBe(notice?.sentences.cause);
  });

  it('resumes with Last-Event-ID after the feed restarts, and is told nothing new when nothing changed', async () => {
    const recorder = recordingFetch();
    const subject = client('tax-return', 'da', recorder.fetch);
    const first = await viewStateWhere(
      subject,
      (s) => s.view !== undefined && s.connection === 'live',
      'a view',
    );
    let views = 0;
    subject.subscribe((state) => {
      if (state.view !== first.view) views += 1;
    });

    await feed.stop();
    await feed.startAgain();
    await until(() => recorder.streams().length >= 2, 'a reconnect');
    await viewStateWhere(
      subject,
      (s) => s.connection === 'live' && s.error === undefined,
      'live again',
    );
    const resumed = recorder.streams().at(-1);
    // Node sends the header; browsers the query (no preflight).
    const id = resumed?.headers['last-event-id'];
    expect(id).toMatch(/^\d+-/);
    expect(views).toBe(0);

    // A change after the resume still arrives.
    await feed.setStatus('eid', 'major_outage');
    await viewStateWhere(
      subject,
      (s) => s.view?.status === 'major_outage',
      'the change after the resume',
    );
  });

  it("stops on the feed's 404 for an unknown service, with its suggestions, warned once", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const subject = client('tax-retrun', 'da');
    const state = await viewStateWhere(subject, (s) => s.connection === 'stopped', 'the stop');
    expect(state.error).toMatchObject({
      kind: 'unknown-service',
      status: 404,
      unknownServices: [{ id: 'tax-retrun', suggestions: ['tax-return'] }],
    });
    await until(() => warn.mock.calls.length > 0, 'the warning');
    expect(warn.mock.calls).toHaveLength(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('did you mean "tax-return"?');
  });

  it("leaves out a page language the feed would refuse, and gets the feed's default", async () => {
    const subject = client('tax-return', 'i-klingon');
    const state = await viewStateWhere(subject, (s) => s.view !== undefined, 'a view');
    expect(state).toMatchObject({ lang: '', error: undefined });
    expect(state.view?.lang).toBe('da');
  });
});

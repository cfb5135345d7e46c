#!/usr/bin/env node
// Service views (#15): what one view costs the feed to derive and word (`deriveServiceView`, the
// sentences with i18next, serializing and hashing, as `ServiceViews` does on a change), and how
// many bytes a typical one is on the wire. The demo's catalogue, with an incident on MitID and
// planned maintenance on payments, so the views carry notices, causes and paths. Prints figures
// and never fails on time.
//
//   node scripts/bench/views.mjs [--quick] [--json]
//
// Runs the built feed (`npm run build` first) in this process. Results are merged into
// bench/results.json under `views`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { formatTable, root, saveResults } from './results.mjs';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const ROUNDS = flags.quick ? 200 : 2000;
const say = (text) => {
  if (!flags.json) console.log(text);
};

const feed = await import(join(root, 'packages/feed/dist/index.js')).catch(() => {
  console.error('views: packages/feed/dist/index.js is missing. Run `npm run build` first.');
  process.exit(1);
});
const { ServiceViews, VIEW_LANGUAGES } = feed;
if (typeof ServiceViews !== 'function') {
  console.error('views: the built feed has no ServiceViews. Run `npm run build` to rebuild it.');
  process.exit(1);
}

const NOW = Date.parse('2026-05-04T10:00:00Z');
const iso = (hours) => new Date(NOW + hours * 3_600_000).toISOString();
const config = JSON.parse(readFileSync(join(root, 'demo/statuskit.config.json'), 'utf8'));
const document = {
  defaultLocale: config.defaultLocale,
  timeZone: config.timeZone,
  services: config.services,
  incidents: [
    {
      id: 'eid-down',
      services: ['eid'],
      impact: 'critical',
      title: { da: 'MitID er nede', en: 'MitID is down' },
      message: { da: 'Vi undersøger sagen.', en: 'We are investigating.' },
      state: 'identified',
      startedAt: iso(-1),
      updates: [
        {
          time: iso(-0.5),
          state: 'identified',
          message: {
            da: 'Vi har fundet fejlen og forventer, at MitID virker igen inden for en time.',
            en: 'We have found the fault and expect MitID to work again within the hour.',
          },
        },
      ],
      keepsWork: true,
    },
  ],
  maintenance: [
    {
      id: 'payments-upgrade',
      services: ['payments'],
      title: { da: 'Opgradering af betalinger', en: 'Payments upgrade' },
      message: { da: 'Betalinger er lukket i tidsrummet.', en: 'Payments are closed meanwhile.' },
      scheduledStart: iso(30),
      scheduledEnd: iso(34),
      announcedAt: iso(-48),
      state: 'scheduled',
    },
  ],
};

// A store as ServiceViews reads it; each round is a new revision, so every view is derived anew.
const store = { document, revision: 1, health: { kind: 'file', state: 'ok' } };
const counters = { viewsDerived: 0 };
const views = new ServiceViews(store, counters);
const services = document.services.map(({ id }) => id);

function percentile(sorted, share) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

/** µs per view for `pairs` derived at one instant after each change (as a feed does). */
function timeViews(pairs) {
  const perView = [];
  const perChange = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    store.revision += 1;
    // A new document object too: the model's per-document memo must be rebuilt, as after a change.
    store.document = { ...document };
    const start = performance.now();
    for (const [service, lang] of pairs) {
      const one = performance.now();
      views.view(service, lang, NOW);
      perView.push((performance.now() - one) * 1000);
    }
    perChange.push((performance.now() - start) * 1000);
  }
  perView.sort((a, b) => a - b);
  perChange.sort((a, b) => a - b);
  return {
    views: pairs.length,
    medianMicros: Math.round(percentile(perView, 0.5)),
    p99Micros: Math.round(percentile(perView, 0.99)),
    perChangeMedianMicros: Math.round(percentile(perChange, 0.5)),
  };
}

// Warm up (JIT, i18next's first translations).
for (let index = 0; index < 50; index += 1) {
  store.revision += 1;
  for (const id of services) views.view(id, 'da', NOW);
}

const one = timeViews([['tax-return', 'da']]);
const every = timeViews(services.flatMap((id) => VIEW_LANGUAGES.map((lang) => [id, lang])));
const typical = views.view('tax-return', 'da', NOW);
const body = typical.body;
const size = {
  service: 'tax-return',
  lang: 'da',
  notices: JSON.parse(body.toString('utf8')).notices.length,
  bytes: body.length,
  gzip: gzipSync(body, { level: 9 }).length,
  brotli: brotliCompressSync(body).length,
};

say(
  formatTable([
    ['figure', 'measured'],
    [
      'one view (tax-return, da), derive + word',
      `median ${one.medianMicros} µs, p99 ${one.p99Micros} µs`,
    ],
    [
      `every view after a change (${every.views}: ${services.length} services × ${VIEW_LANGUAGES.length} languages)`,
      `median ${every.medianMicros} µs per view, ${(every.perChangeMedianMicros / 1000).toFixed(1)} ms in all`,
    ],
    [
      `typical view (tax-return, da, ${size.notices} notices)`,
      `${size.bytes} B, gzip ${size.gzip} B, brotli ${size.brotli} B`,
    ],
  ]),
);
if (flags.json) console.log(JSON.stringify({ one, every, size }));
await saveResults('views', { rounds: ROUNDS, one, every, size });

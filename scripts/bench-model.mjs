#!/usr/bin/env node
// Times the model's derivation on a large, deterministic catalogue: `effectiveStatus` for every
// service, and `noticesFor` for a few. Prints figures; never fails on time (machines differ).
// Runs against the built package, so build first: `npm run build`, then `npm run bench:model`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { saveResults } from './bench/results.mjs';

const SERVICES = 2_000;
const EDGES = 10_000;
const INCIDENTS = 20;
const MAINTENANCE = 10;
const QUICK = process.argv.includes('--quick');
const WARMUP_RUNS = QUICK ? 5 : 10;
const RUNS = QUICK ? 15 : 50;
const NOW = Date.parse('2026-05-04T10:00:00Z');
const HOUR_MS = 3_600_000;

const distEntry = fileURLToPath(new URL('../packages/model/dist/index.js', import.meta.url));
if (!existsSync(distEntry)) {
  console.error(`bench-model: ${distEntry} is missing. Run \`npm run build\` first.`);
  process.exit(1);
}
const model = await import(distEntry);
const { effectiveStatus, noticesFor } = model;
if (typeof effectiveStatus !== 'function' || typeof noticesFor !== 'function') {
  console.error(
    'bench-model: packages/model/dist/index.js does not export effectiveStatus and noticesFor. ' +
      'Run `npm run build` to rebuild it from the current sources.',
  );
  process.exit(1);
}

/** mulberry32: a small seeded PRNG, so every run benchmarks the same catalogue. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = prng(20260504);
const pick = (n) => Math.floor(random() * n);
const iso = (hours) => new Date(NOW + hours * HOUR_MS).toISOString();
const id = (index) => `svc-${String(index).padStart(4, '0')}`;

/**
 * Services point only to lower indices, so the catalogue has no cycle; low indices play the
 * shared national services (eID, digital post, payments) that many others depend on.
 */
function catalogue() {
  const edges = new Map(); // from index → Map(to index → optional)
  let count = 0;
  while (count < EDGES) {
    const from = 1 + pick(SERVICES - 1);
    // Half the edges go to the 50 shared services, the rest anywhere below.
    const to = random() < 0.5 ? pick(Math.min(50, from)) : pick(from);
    const targets = edges.get(from) ?? new Map();
    edges.set(from, targets);
    if (targets.has(to)) continue;
    targets.set(to, random() < 0.25);
    count += 1;
  }
  const statuses = ['degraded', 'partial_outage', 'unknown'];
  const services = Array.from({ length: SERVICES }, (_, index) => {
    const roll = random();
    return {
      id: id(index),
      name: { da: `Tjeneste ${index}`, en: `Service ${index}` },
      owner: `authority-${index % 40}`,
      status: roll < 0.03 ? statuses[pick(statuses.length)] : 'operational',
      dependsOn: [...(edges.get(index) ?? [])].map(([to, optional]) =>
        optional ? { service: id(to), optional: true } : id(to),
      ),
      alternatives:
        roll > 0.9
          ? [{ kind: 'phone', label: { da: 'Ring', en: 'Call' }, href: 'tel:+4570000000' }]
          : [],
    };
  });
  const impacts = ['minor', 'major', 'critical'];
  const incidents = Array.from({ length: INCIDENTS }, (_, index) => ({
    id: `incident-${index}`,
    services: [id(random() < 0.5 ? pick(50) : pick(SERVICES))],
    impact: impacts[pick(impacts.length)],
    title: { da: 'Driftsforstyrrelse', en: 'Disruption' },
    message: { da: 'Vi undersøger sagen.', en: 'We are looking into it.' },
    state: index % 3 === 0 ? 'identified' : 'investigating',
    startedAt: iso(-1 - pick(48)),
    updates: [],
    alternatives: [{ kind: 'paper', label: { en: `Paper form ${index % 4}` } }],
  }));
  const maintenance = Array.from({ length: MAINTENANCE }, (_, index) => {
    const running = index < MAINTENANCE / 2;
    const start = running ? -1 - pick(3) : 1 + pick(24 * 6);
    return {
      id: `maintenance-${index}`,
      services: [id(pick(SERVICES))],
      title: { en: 'Planned work' },
      message: { en: 'Some functions are unavailable.' },
      scheduledStart: iso(start),
      scheduledEnd: iso(start + 4),
      announcedAt: iso(-24 * 14),
      state: running && index % 2 === 0 ? 'in_progress' : 'scheduled',
    };
  });
  return {
    defaultLocale: 'da',
    timeZone: 'Europe/Copenhagen',
    services,
    incidents,
    maintenance,
  };
}

function measure(run) {
  for (let i = 0; i < WARMUP_RUNS; i += 1) run();
  const times = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

const format = ({ median, p95 }) =>
  `median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${RUNS} runs)`;

const document = catalogue();
const edgeCount = document.services.reduce((sum, s) => sum + s.dependsOn.length, 0);
const effective = effectiveStatus(document, NOW);
const entries = Object.values(effective);
const causes = entries.reduce((sum, entry) => sum + entry.causes.length, 0);
const affected = entries.filter((entry) => entry.status !== 'operational').length;
// The last services have the most below them: the ones with the longest banners.
const bannerServices = [SERVICES - 1, SERVICES - 2, SERVICES / 2, 100, 0].map(id);

console.log(
  `catalogue: ${SERVICES} services, ${edgeCount} edges, ${INCIDENTS} open incidents, ` +
    `${MAINTENANCE} maintenance windows; ${affected} services affected, ${causes} causes in all`,
);
const figures = {};
figures.effectiveStatus = measure(() => effectiveStatus(document, NOW));
console.log(
  `effectiveStatus ${SERVICES} services / ${edgeCount} edges: ` + format(figures.effectiveStatus),
);
figures.noticesForFive = measure(() => {
  for (const serviceId of bannerServices) noticesFor(document, serviceId, NOW, { effective });
});
console.log(
  `noticesFor ${bannerServices.length} services, effective status precomputed: ` +
    format(figures.noticesForFive),
);
// noticesFor keeps a time-independent plan per document object; a copy is a new document, as
// after every accepted change, so these figures include building it.
figures.noticesForNewDocument = measure(() => noticesFor({ ...document }, bannerServices[0], NOW));
console.log(
  `noticesFor 1 service of a new document, deriving effective status itself: ` +
    format(figures.noticesForNewDocument),
);
figures.snapshotAllServices = measure(() => {
  const fresh = { ...document };
  const all = effectiveStatus(fresh, NOW);
  for (const service of fresh.services) {
    noticesFor(fresh, service.id, NOW, { effective: all });
  }
});
console.log(
  `effectiveStatus + noticesFor all ${SERVICES} services of a new document (a feed snapshot): ` +
    format(figures.snapshotAllServices),
);
await saveResults('model', {
  catalogue: {
    services: SERVICES,
    edges: edgeCount,
    incidents: INCIDENTS,
    maintenance: MAINTENANCE,
  },
  runs: RUNS,
  milliseconds: figures,
});

#!/usr/bin/env node
// Signed outage record benchmark: the cost of building one record (from the ledger the feed
// keeps: the facts, the services' names, the chain hash of the end revision) and signing it
// (RFC 8785 canonical JSON, JWS EdDSA/Ed25519 with jose), and of verifying one (jose against a
// JWKS, plus the check that the JSON beside the JWS is what was signed). Incidents with 1 to 20
// updates, as the feed journals them. Per step: median and p99 in µs, and records per second on
// one core. Prints figures and never fails on time.
//
//   node scripts/bench/records.mjs [--quick] [--n 2000] [--json]
//
// Runs the built feed (`npm run build` first) in this process. Results are merged into
// bench/results.json under `records`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import canonicalize from 'canonicalize';
import { compactVerify, createLocalJWKSet } from 'jose';
import { formatTable, machineFacts, root, saveResults } from './results.mjs';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    n: { type: 'string' },
  },
});
const RECORDS = Number(flags.n ?? (flags.quick ? 300 : 2000));
if (!Number.isInteger(RECORDS) || RECORDS < 10) {
  console.error('records: --n must be a whole number from 10');
  process.exit(2);
}
const say = (text) => {
  if (!flags.json) console.log(text);
};

const feed = await import(join(root, 'packages/feed/dist/index.js')).catch(() => {
  console.error('records: packages/feed/dist/index.js is missing. Run `npm run build` first.');
  process.exit(1);
});
const { OutageLedger, outageRecord, signRecord, loadSigningKeys, writeNewKeyFile, publishedJwks } =
  feed;

const config = {
  publicUrl: 'https://status.example.dk',
  authorities: [
    { id: 'digst', name: { da: 'Digitaliseringsstyrelsen', en: 'Agency for Digital Government' } },
  ],
};
const SERVICES = ['eid', 'login', 'digital-post', 'nemkonto', 'cpr', 'borger'];

/** A journal: the catalogue, then each incident opened, updated and resolved. */
function journal() {
  const records = [];
  let revision = 0;
  const push = (change, time) => {
    revision += 1;
    records.push({ revision, time, actor: 'digst', services: [], change });
  };
  for (const id of SERVICES) {
    push(
      {
        type: 'service',
        service: {
          id,
          name: { da: `Tjeneste ${id}`, en: `Service ${id}` },
          owner: 'digst',
          status: 'operational',
        },
      },
      '2026-01-01T00:00:00.000Z',
    );
  }
  const start = Date.parse('2026-01-02T08:00:00Z');
  for (let index = 0; index < RECORDS; index += 1) {
    const startedAt = new Date(start + index * 3_600_000).toISOString();
    const updates = [];
    const count = 1 + (index % 20);
    let incident;
    for (let step = 0; step < count; step += 1) {
      const time = new Date(Date.parse(startedAt) + step * 600_000).toISOString();
      const state = step === count - 1 ? 'resolved' : step === 0 ? 'investigating' : 'monitoring';
      updates.push({ time, state, message: { da: `Opdatering ${step}`, en: `Update ${step}` } });
      incident = {
        id: `inc-${index}`,
        services: [SERVICES[index % SERVICES.length]],
        impact: ['minor', 'major', 'critical'][index % 3],
        title: { da: `Fejl ${index}`, en: `Fault ${index}` },
        message: updates.at(-1).message,
        state,
        startedAt,
        ...(state === 'resolved' && { resolvedAt: time }),
        updates: [...updates],
      };
      push({ type: 'incident', incident }, time);
    }
  }
  return records;
}

function figures(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const total = samples.reduce((sum, value) => sum + value, 0);
  return {
    medianMicros: Math.round(at(0.5) * 1000 * 10) / 10,
    p99Micros: Math.round(at(0.99) * 1000 * 10) / 10,
    perSecond: Math.round(samples.length / (total / 1000)),
  };
}

const dir = await mkdtemp(join(tmpdir(), 'statuskit-bench-records-'));
try {
  const keyFile = join(dir, 'key.jwk');
  await writeNewKeyFile(keyFile);
  const keys = await loadSigningKeys([keyFile]);
  const jwks = createLocalJWKSet(publishedJwks(keys));
  const ledger = new OutageLedger();
  for (const record of journal()) ledger.apply(record);
  const ids = Array.from({ length: RECORDS }, (_, index) => `inc-${index}`);

  // Warm up jose, the key and the JIT on a tenth of the records.
  for (const id of ids.slice(0, Math.ceil(RECORDS / 10))) {
    const record = outageRecord(ledger.get(id), config);
    await compactVerify(await signRecord(record, keys.current), jwks);
  }

  const buildAndSign = [];
  const signed = [];
  for (const id of ids) {
    const started = performance.now();
    const record = outageRecord(ledger.get(id), config);
    const jws = await signRecord(record, keys.current);
    buildAndSign.push(performance.now() - started);
    signed.push({ record, jws });
  }
  const verify = [];
  for (const { record, jws } of signed) {
    const started = performance.now();
    const { payload } = await compactVerify(jws, jwks, { algorithms: ['EdDSA'] });
    if (new TextDecoder().decode(payload) !== canonicalize(record)) throw new Error('altered');
    verify.push(performance.now() - started);
  }
  const bytes = signed.map(({ jws }) => jws.length).sort((a, b) => a - b);
  const result = {
    records: RECORDS,
    updatesPerIncident: '1–20',
    buildAndSign: figures(buildAndSign),
    verify: figures(verify),
    jwsMedianBytes: bytes[Math.floor(bytes.length / 2)],
  };
  say(`\nSigned outage records: ${RECORDS} incidents with 1–20 updates each, one core\n`);
  say(
    formatTable([
      ['step', 'median', 'p99', 'per second'],
      [
        'build + sign (canonical JSON, JWS EdDSA)',
        `${result.buildAndSign.medianMicros} µs`,
        `${result.buildAndSign.p99Micros} µs`,
        String(result.buildAndSign.perSecond),
      ],
      [
        'verify (jose + content check)',
        `${result.verify.medianMicros} µs`,
        `${result.verify.p99Micros} µs`,
        String(result.verify.perSecond),
      ],
    ]),
  );
  say(
    `\nMedian JWS size: ${result.jwsMedianBytes} bytes. Machine: ${machineFacts().cpuModel ?? ''}`,
  );
  if (flags.json) console.log(JSON.stringify(result));
  await saveResults('records', result);
} finally {
  await rm(dir, { recursive: true, force: true });
}

// The writers of the Redis fault benchmarks (faults.mjs): concurrent loops that publish status
// changes through the admin API while Redis restarts or fails over, every answer recorded, and
// the check afterwards that every acknowledged write is in the Redis stream at its revision.
import { request } from 'node:http';
import { SERVICE_ID, TOKEN } from './fanout-fixture.mjs';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After a 503 or a failed request a writer waits this long and tries again (with new content):
 * shorter than the feed's `Retry-After`, so the first moment writes succeed again is measured to
 * within 100 ms rather than to the second the feed suggests.
 */
export const RETRY_PAUSE_MS = 100;

/**
 * Starts `count` writers against `url` (the feed's base URL). Each PUTs the status of `eid` in a
 * loop, one request at a time, with a message naming writer, sequence and `label`, so each
 * acknowledged write can be found again. `answers` grows with one record per request:
 * { tag, writer, seq, sentAt, answeredAt, outcome: 'acknowledged' | 'refused' | 'other',
 *   revision?, detail? }. `stop()` resolves once every writer has its last answer.
 */
export function startWriters(url, count, label) {
  const answers = [];
  let running = true;
  const loops = Array.from({ length: count }, async (_, writer) => {
    for (let seq = 1; running; seq += 1) {
      const tag = `${label}-w${writer}-s${seq}`;
      const answer = await put(url, tag);
      answers.push({ tag, writer, seq, ...answer });
      if (answer.outcome !== 'acknowledged') await sleep(RETRY_PAUSE_MS);
    }
  });
  return {
    answers,
    acknowledged: () => answers.filter((answer) => answer.outcome === 'acknowledged'),
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** One write; never rejects: a failure is an answer too. */
function put(url, tag) {
  const body = JSON.stringify({
    status: 'degraded',
    message: { da: `Fejltest ${tag}.`, en: `Fault test ${tag}.` },
  });
  const sentAt = now();
  return new Promise((resolve) => {
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    };
    const path = `/v1/admin/services/${SERVICE_ID}/status`;
    const req = request(new URL(path, url), { method: 'PUT', headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', (error) => resolve(failed(sentAt, `response: ${error.message}`)));
      res.on('end', () => {
        const answeredAt = now();
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) {
          const revision = Number(JSON.parse(text).revision);
          resolve({ sentAt, answeredAt, outcome: 'acknowledged', revision });
        } else if (res.statusCode === 503) {
          resolve({ sentAt, answeredAt, outcome: 'refused', detail: res.headers['retry-after'] });
        } else {
          resolve({ sentAt, answeredAt, outcome: 'other', detail: `${res.statusCode} ${text}` });
        }
      });
    });
    // A request must not hang the run: a write stuck this long counts as "other".
    req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', (error) => resolve(failed(sentAt, error.code ?? error.message)));
    req.end(body);
  });
}

function failed(sentAt, detail) {
  return { sentAt, answeredAt: now(), outcome: 'other', detail };
}

/**
 * Checks the Redis stream `entries` (XRANGE replies: [id, ['record', json]]) against `answers`.
 * Every acknowledged write must be the entry at its revision, with its own message; revisions
 * must run without gap or repeat. Returns the counts printed and saved.
 */
export function verifyStream(entries, answers) {
  const byRevision = new Map();
  const tagsStored = new Map();
  let gaps = 0;
  let repeats = 0;
  let previous;
  for (const [id, fields] of entries) {
    const revision = Number(id.split('-')[0]);
    if (previous !== undefined && revision !== previous + 1) {
      if (revision <= previous) repeats += 1;
      else gaps += revision - previous - 1;
    }
    previous = revision;
    const record = JSON.parse(fields[fields.indexOf('record') + 1]);
    if (record.revision !== revision) repeats += 1;
    const tag = /Fault test ([\w-]+)\./.exec(JSON.stringify(record.change))?.[1];
    byRevision.set(revision, tag);
    if (tag !== undefined) tagsStored.set(tag, (tagsStored.get(tag) ?? 0) + 1);
  }
  const acknowledged = answers.filter((answer) => answer.outcome === 'acknowledged');
  const lost = acknowledged.filter((answer) => byRevision.get(answer.revision) !== answer.tag);
  const ackRevisions = acknowledged.map((answer) => answer.revision);
  const sameRevision = ackRevisions.length - new Set(ackRevisions).size;
  const count = (outcome) => answers.filter((answer) => answer.outcome === outcome).length;
  return {
    attempted: answers.length,
    acknowledged: acknowledged.length,
    refused: count('refused'),
    other: count('other'),
    lost: lost.length,
    lostExamples: lost.slice(0, 5).map(({ tag, revision }) => ({
      tag,
      revision,
      stored: byRevision.get(revision) ?? null,
    })),
    // Two acknowledgements naming one revision: one of them cannot be there.
    revisionsAcknowledgedTwice: sameRevision,
    storedTwice: [...tagsStored.values()].filter((times) => times > 1).length,
    // Answered 503 or not at all, yet stored: allowed (the answer did not promise anything).
    storedWithoutAcknowledgement: answers.filter(
      (answer) => answer.outcome !== 'acknowledged' && tagsStored.has(answer.tag),
    ).length,
    streamEntries: entries.length,
    firstRevision: entries.length > 0 ? Number(entries[0][0].split('-')[0]) : null,
    lastRevision: previous ?? null,
    gaps,
    repeats,
  };
}

/**
 * For each fault window { from, to } (from the signal to the moment the fault ended: Redis ready
 * again, the old primary back): how long after `to` the first write was acknowledged, and the
 * longest time no write was acknowledged, from the last acknowledgement before `from` to the
 * first after `to`, in ms; null when none came after.
 */
export function acknowledgementGaps(answers, windows) {
  const acknowledged = answers
    .filter((answer) => answer.outcome === 'acknowledged')
    .map((answer) => answer.answeredAt)
    .sort((a, b) => a - b);
  return windows.map(({ from, to }) => {
    const after = acknowledged.find((at) => at > to);
    const before = acknowledged.filter((at) => at <= from).at(-1);
    if (after === undefined) return { firstAfter: null, without: null };
    const span = acknowledged.filter((at) => at >= (before ?? from) && at <= after);
    let without = 0;
    for (let index = 1; index < span.length; index += 1) {
      without = Math.max(without, span[index] - span[index - 1]);
    }
    return { firstAfter: after - to, without };
  });
}

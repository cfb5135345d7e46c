// How the benchmarks with real clients (reconnect-storm.mjs, faults.mjs) count what each client
// got after a fault: changes applied, covered by a snapshot, missed, applied twice, going
// backwards, re-sent. The rules are written out at the top of reconnect-storm.mjs.

/** Every count of a fault round, at zero; the keys are the figures saved per round. */
export function newTotals() {
  return {
    missed: 0,
    clientsMissing: 0,
    duplicated: 0,
    backwards: 0,
    resent: 0,
    gaps: 0,
    invalid: 0,
    unexpected: 0,
    wrongEnd: 0,
    snapshotClients: 0,
    exactResumes: 0,
    refused: 0,
    clientsRefused: 0,
    flapped: 0,
    polled: 0,
    noReconnect: 0,
  };
}

/**
 * Adds one client's events (a storm-clients.mjs report) to `totals`, and up to five examples of
 * missed revisions to `missedExamples`. `revisions` are the revisions the admin API acknowledged
 * in the round, `last` the last of those answers ({ revision, service }), `signalAt` the fault.
 * Returns whether the client applied a snapshot after the fault (no exact resume then).
 */
export function countClientEvents(client, { signalAt, revisions, last }, totals, missedExamples) {
  const applied = new Set();
  let held = 0;
  let base;
  let newestSnapshot = 0;
  let snapshotAfter = false;
  for (const [at, type, rev, outcome] of client.events) {
    if (outcome === 'applied' && type === 'snapshot') {
      if (base === undefined) base = rev;
      else if (rev < held) totals.backwards += 1;
      newestSnapshot = Math.max(newestSnapshot, rev);
      held = rev;
      if (at >= signalAt) snapshotAfter = true;
    } else if (outcome === 'applied') {
      if (rev <= held || applied.has(rev)) totals.duplicated += 1;
      if (!revisions.includes(rev)) totals.unexpected += 1;
      applied.add(rev);
      held = Math.max(held, rev);
    } else if (outcome === 'duplicate') totals.resent += 1;
    else if (outcome === 'gap') totals.gaps += 1;
    else if (outcome === 'invalid') totals.invalid += 1;
  }
  for (let i = 1; i < client.revisions.length; i += 1) {
    if (client.revisions[i][1] < client.revisions[i - 1][1]) totals.backwards += 1;
  }
  const missing = revisions.filter(
    (rev) => rev > (base ?? 0) && !applied.has(rev) && rev > newestSnapshot,
  );
  if (base === undefined || missing.length > 0) {
    totals.missed += base === undefined ? revisions.length : missing.length;
    totals.clientsMissing += 1;
    if (missedExamples.length < 5) {
      missedExamples.push({ client: client.id, services: client.services, missing, base });
    }
  }
  const { final } = client;
  if (final.connection !== 'live' || final.revision !== last.revision) totals.wrongEnd += 1;
  else if (canonical(final.service) !== canonical(last.service)) totals.wrongEnd += 1;
  if (snapshotAfter) totals.snapshotClients += 1;
  return snapshotAfter;
}

/** What went wrong with the events of a round; empty when nothing did. */
export function eventFaults(run) {
  return [
    [run.missed, `${run.missed} missed revisions in ${run.clientsMissing} clients`],
    [run.duplicated, `${run.duplicated} changes applied twice`],
    [run.backwards, `${run.backwards} times the revision went down`],
    [run.unexpected, `${run.unexpected} revisions nobody published`],
    [run.wrongEnd, `${run.wrongEnd} clients not live with the last change at the end`],
    // Healed by a snapshot, but the stream itself lost an event or sent a broken one.
    [run.gaps, `${run.gaps} gaps (an event missing on the stream)`],
    [run.invalid, `${run.invalid} unreadable events`],
  ]
    .filter(([count]) => count > 0)
    .map(([, text]) => text);
}

/** JSON with sorted keys: two copies of a service compare equal whatever their key order. */
export function canonical(value) {
  return JSON.stringify(value, (_, item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );
}

/** The p-quantile (0–1) of `values` by nearest rank; 0 for none. */
export function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

/** A client's requests, states and errors from `signalAt` on, in ms after it: for the slowest. */
export function timeline(client, signalAt) {
  const after = (at) => Math.round(at - signalAt);
  return {
    client: client.id,
    services: client.services,
    requests: client.attempts
      .filter((attempt) => attempt.stream && (attempt.endedAt ?? attempt.at) >= signalAt)
      .map((attempt) => ({
        at: after(attempt.at),
        resume: attempt.resume,
        answer: attempt.result,
        answeredAt: attempt.answeredAt && after(attempt.answeredAt),
        retries: attempt.retries.map(([, ms]) => ms),
        ended: attempt.endedAt && after(attempt.endedAt),
        ending: attempt.ending,
      })),
    states: client.transitions
      .filter(([at]) => at >= signalAt)
      .map(([at, state]) => `${after(at)} ${state}`),
    errors: client.errors.filter(([at]) => at >= signalAt).map(([at, , m]) => `${after(at)} ${m}`),
  };
}

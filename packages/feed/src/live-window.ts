import type {
  Change,
  Incident,
  Maintenance,
  StatusDocument,
  ValidationIssue,
} from '@statuskit/model';

/**
 * The live window: what the live document (stream snapshot, `status.json`) keeps once it is
 * over. Open incidents and maintenance that is scheduled or running always stay; a resolved
 * incident, or maintenance that completed or was cancelled, stays until it has been over for
 * the whole window, then leaves through an ordinary `removed` change. The journal, archive and
 * history keep everything, so reports and availability are not affected (issue 16, item 1).
 */

/** When the incident or maintenance was over, in ms since the epoch; undefined while it is not. */
export function endedAt(entity: Incident | Maintenance): number | undefined {
  if ('impact' in entity) {
    if (entity.state !== 'resolved') return undefined;
    return parsed(entity.resolvedAt ?? entity.updates.at(-1)?.time);
  }
  switch (entity.state) {
    case 'scheduled':
    case 'in_progress':
      return undefined;
    case 'completed':
      return parsed(entity.actualEnd ?? entity.scheduledEnd);
    case 'cancelled': {
      // Pages may show the cancelled window until it would have ended; the document does not
      // record when it was cancelled, so the announced end is the one date known.
      const ends = [entity.scheduledEnd, entity.actualEnd].map(parsed);
      const known = ends.filter((time): time is number => time !== undefined);
      return known.length > 0 ? Math.max(...known) : undefined;
    }
  }
}

/**
 * The instant it leaves the live document: `windowMs` after it was over, and never on the day
 * its server-made id names. Ids the feed makes (`inc-20310301-1`, see `nextId`) are unique only
 * among what the live document holds, so an incident made, backdated and resolved today must
 * stay until the day is over, or the next one made today would get its id and its history.
 */
export function retiresAt(entity: Incident | Maintenance, windowMs: number): number | undefined {
  const ended = endedAt(entity);
  return ended === undefined ? undefined : Math.max(ended + windowMs, idDayEnd(entity.id));
}

/** The end (UTC) of the day named in a server-made id, or -Infinity for any other id. */
function idDayEnd(id: string): number {
  const day = /^(?:inc|mnt)-(\d{4})(\d{2})(\d{2})-\d+$/.exec(id);
  if (!day) return Number.NEGATIVE_INFINITY;
  return Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1);
}

/** `removed` changes for everything whose window has passed at `now` (exactly at the end too). */
export function retirements(document: StatusDocument, now: number, windowMs: number): Change[] {
  const due = (entity: Incident | Maintenance): boolean =>
    (retiresAt(entity, windowMs) ?? Infinity) <= now;
  return [
    ...document.incidents
      .filter(due)
      .map((incident): Change => ({ type: 'removed', kind: 'incident', id: incident.id })),
    ...document.maintenance
      .filter(due)
      .map((window): Change => ({ type: 'removed', kind: 'maintenance', id: window.id })),
  ];
}

/**
 * The issues that concern what stays live at `now`: those inside an incident or maintenance due
 * to leave are dropped. Its record stays in the journal as it was stored, and the start-up sweep
 * takes it off the page, so a rule tightened since it was stored (times bounded to 1970–9999,
 * issue 16) must not keep a feed from starting over its history.
 */
export function issuesThatStayLive(
  issues: readonly ValidationIssue[],
  document: StatusDocument,
  now: number,
  windowMs: number,
): ValidationIssue[] {
  const leaving = new Set(
    retirements(document, now, windowMs).flatMap((change) =>
      change.type === 'removed' ? [`${change.kind}:${change.id}`] : [],
    ),
  );
  return issues.filter((issue) => {
    const place = /^(incidents|maintenance)\[(\d+)\]/.exec(issue.path);
    if (!place) return true;
    const incidents = place[1] === 'incidents';
    const entity = (incidents ? document.incidents : document.maintenance)[Number(place[2])];
    return !entity || !leaving.has(`${incidents ? 'incident' : 'maintenance'}:${entity.id}`);
  });
}

/** The next instant after `now` at which something will leave, or undefined when nothing will. */
export function nextRetirement(
  document: StatusDocument,
  now: number,
  windowMs: number,
): number | undefined {
  let next: number | undefined;
  for (const entity of [...document.incidents, ...document.maintenance]) {
    const at = retiresAt(entity, windowMs);
    if (at !== undefined && at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}

function parsed(time: string | undefined): number | undefined {
  if (time === undefined) return undefined;
  const value = Date.parse(time);
  return Number.isNaN(value) ? undefined : value;
}

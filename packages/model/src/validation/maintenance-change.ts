import type { Maintenance, MaintenanceState, StatusDocument, Timestamp } from '../types.js';
import { alternatives } from './alternative.js';
import { boolean, longText, oneOf, shortText } from './primitives.js';
import { definedOnly, isRecord, readInput, type Fields, type Issues } from './reader.js';
import { affectedServices, referencesOf } from './references.js';
import type { Validation } from './result.js';
import { checkOrder, timestamp } from './time.js';
import { checkNotOver, type MaintenanceChange } from './writes.js';
import { checkWriteLimits, WRITE_LIMIT_DEFAULTS, type WriteContext } from './write-limits.js';

const NEXT_STATES: Readonly<Record<MaintenanceState, readonly MaintenanceState[]>> = {
  scheduled: ['in_progress', 'completed', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

type TimeField = 'scheduledStart' | 'scheduledEnd' | 'actualStart' | 'actualEnd';

/**
 * Checks the window as it will be after the change. A changed time is checked against the
 * existing other end, and the issue goes to whichever of the two the change names.
 */
function checkMergedOrder(
  issues: Issues,
  fields: Fields,
  change: MaintenanceChange,
  existing: Maintenance,
  [later, earlier]: readonly [TimeField, TimeField],
): void {
  if (!fields.has(later) && !fields.has(earlier)) return;
  // A given but invalid time is already reported; do not compare the old one in its place.
  const merged = (name: TimeField): Timestamp | undefined =>
    fields.has(name) ? change[name] : existing[name];
  const path = fields.has(later) ? later : earlier;
  checkOrder(issues, path, [later, merged(later)], [earlier, merged(earlier)], false);
}

export function validateMaintenanceChange(
  input: unknown,
  document: StatusDocument,
  existing: Maintenance,
  context: WriteContext = {},
): Validation<MaintenanceChange> {
  const services = affectedServices(referencesOf(document));
  const changeState = oneOf(['in_progress', 'completed', 'cancelled'] as const);
  return readInput(input, (fields, issues) => {
    const change: MaintenanceChange = definedOnly({
      state: fields.optional('state', changeState),
      actualStart: fields.optional('actualStart', timestamp),
      actualEnd: fields.optional('actualEnd', timestamp),
      scheduledStart: fields.optional('scheduledStart', timestamp),
      scheduledEnd: fields.optional('scheduledEnd', timestamp),
      title: fields.optional('title', shortText),
      message: fields.optional('message', longText),
      services: fields.optional('services', services),
      alternatives: fields.optional('alternatives', alternatives),
      keepsWork: fields.optional('keepsWork', boolean),
    });
    const next = NEXT_STATES[existing.state];
    if (next.length === 0) {
      issues.push({
        path: '',
        message: `maintenance "${existing.id}" is ${existing.state} and cannot change`,
      });
      return change;
    }
    if (isRecord(input) && Object.values(input).every((field) => field === undefined)) {
      issues.push({ path: '', message: 'must change at least one field' });
    }
    if (change.state !== undefined && !next.includes(change.state)) {
      issues.push({
        path: 'state',
        message: `cannot go from ${existing.state} to ${change.state}`,
      });
    }
    for (const name of ['scheduledStart', 'scheduledEnd'] as const) {
      if (fields.has(name) && existing.state !== 'scheduled') {
        issues.push({
          path: name,
          message: `can only be rescheduled while scheduled (it is ${existing.state})`,
        });
      }
    }
    // A state that was given but is invalid is already reported; judge by no state then.
    const state = fields.has('state') ? change.state : existing.state;
    if (state === 'scheduled') {
      for (const name of ['actualStart', 'actualEnd'] as const) {
        if (fields.has(name))
          issues.push({ path: name, message: 'must be absent while state is scheduled' });
      }
    }
    checkMergedOrder(issues, fields, change, existing, ['scheduledEnd', 'scheduledStart']);
    checkMergedOrder(issues, fields, change, existing, ['actualEnd', 'actualStart']);
    // Moving a planned end into the past is refused; closing the window may record any end.
    if (state !== 'completed' && state !== 'cancelled') {
      checkNotOver(issues, change.scheduledEnd, context.now);
    }
    checkWriteLimits(change, context.limits ?? WRITE_LIMIT_DEFAULTS, issues);
    return change;
  });
}

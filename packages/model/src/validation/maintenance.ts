import { MAINTENANCE_STATES, type Maintenance, type MaintenanceState } from '../types.js';
import { alternatives } from './alternative.js';
import { boolean, id, longText, oneOf, shortText } from './primitives.js';
import { checkOrder, timestamp } from './time.js';
import {
  allPresent,
  definedOnly,
  fieldPath,
  readObject,
  type Fields,
  type Issues,
  type Reader,
} from './reader.js';
import { affectedServices, type References } from './references.js';

const NEEDED_TIMES: Readonly<Record<MaintenanceState, readonly string[]>> = {
  scheduled: [],
  in_progress: ['actualStart'],
  completed: ['actualStart', 'actualEnd'],
  cancelled: [],
};

function checkActualTimes(state: MaintenanceState, fields: Fields, issues: Issues): void {
  for (const name of NEEDED_TIMES[state]) {
    if (fields.has(name)) continue;
    issues.push({
      path: fieldPath(fields.path, name),
      message: `is required when state is ${state}`,
    });
  }
  if (state !== 'scheduled') return;
  for (const name of ['actualStart', 'actualEnd']) {
    if (!fields.has(name)) continue;
    issues.push({
      path: fieldPath(fields.path, name),
      message: 'must be absent while state is scheduled',
    });
  }
}

export function maintenance(references: References): Reader<Maintenance> {
  const services = affectedServices(references);
  const maintenanceState = oneOf(MAINTENANCE_STATES);
  return (value, path, issues) =>
    readObject(value, path, issues, (fields) => {
      const scheduledStart = fields.required('scheduledStart', timestamp);
      const scheduledEnd = fields.required('scheduledEnd', timestamp);
      const state = fields.required('state', maintenanceState);
      const required = allPresent({
        id: fields.required('id', id),
        services: fields.required('services', services),
        title: fields.required('title', shortText),
        message: fields.required('message', longText),
        scheduledStart,
        scheduledEnd,
        announcedAt: fields.required('announcedAt', timestamp),
        state,
      });
      const optional = definedOnly({
        actualStart: fields.optional('actualStart', timestamp),
        actualEnd: fields.optional('actualEnd', timestamp),
        alternatives: fields.optional('alternatives', alternatives),
        keepsWork: fields.optional('keepsWork', boolean),
      });

      if (state !== undefined) checkActualTimes(state, fields, issues);
      checkOrder(
        issues,
        fieldPath(path, 'scheduledEnd'),
        ['scheduledEnd', scheduledEnd],
        ['scheduledStart', scheduledStart],
        false,
      );
      checkOrder(
        issues,
        fieldPath(path, 'actualEnd'),
        ['actualEnd', optional.actualEnd],
        ['actualStart', optional.actualStart],
        false,
      );
      return required && { ...required, ...optional };
    });
}

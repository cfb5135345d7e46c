import {
  INCIDENT_IMPACTS,
  INCIDENT_STATES,
  type Incident,
  type IncidentUpdate,
  type Timestamp,
} from '../types.js';
import { alternatives } from './alternative.js';
import { boolean, id, longText, oneOf, shortText } from './primitives.js';
import { checkOrder, timestamp } from './time.js';
import { allPresent, arrayOf, definedOnly, fieldPath, readObject, type Reader } from './reader.js';
import { affectedServices, type References } from './references.js';

export const incidentImpact = oneOf(INCIDENT_IMPACTS);
export const incidentState = oneOf(INCIDENT_STATES);

function incidentUpdate(startedAt: Timestamp | undefined): Reader<IncidentUpdate> {
  return (value, path, issues) =>
    readObject(value, path, issues, (fields) => {
      const update = allPresent({
        time: fields.required('time', timestamp),
        state: fields.required('state', incidentState),
        message: fields.required('message', longText),
      });
      checkOrder(
        issues,
        fieldPath(path, 'time'),
        ['time', update?.time],
        ['startedAt', startedAt],
        true,
      );
      return update;
    });
}

export function incident(references: References): Reader<Incident> {
  const services = affectedServices(references);
  return (value, path, issues) =>
    readObject(value, path, issues, (fields) => {
      const startedAt = fields.required('startedAt', timestamp);
      const state = fields.required('state', incidentState);
      const required = allPresent({
        id: fields.required('id', id),
        services: fields.required('services', services),
        impact: fields.required('impact', incidentImpact),
        title: fields.required('title', shortText),
        message: fields.required('message', longText),
        state,
        startedAt,
        updates: fields.required('updates', arrayOf(incidentUpdate(startedAt))),
      });
      const optional = definedOnly({
        resolvedAt: fields.optional('resolvedAt', timestamp),
        alternatives: fields.optional('alternatives', alternatives),
        keepsWork: fields.optional('keepsWork', boolean),
      });

      const resolvedAtPath = fieldPath(path, 'resolvedAt');
      if (state === 'resolved' && !fields.has('resolvedAt')) {
        issues.push({ path: resolvedAtPath, message: 'is required when state is resolved' });
      }
      if (state !== undefined && state !== 'resolved' && fields.has('resolvedAt')) {
        issues.push({ path: resolvedAtPath, message: 'must be absent unless state is resolved' });
      }
      checkOrder(
        issues,
        resolvedAtPath,
        ['resolvedAt', optional.resolvedAt],
        ['startedAt', startedAt],
        true,
      );
      return required && { ...required, ...optional };
    });
}

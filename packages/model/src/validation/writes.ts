/**
 * What the admin API accepts. These are requests, not entities: the feed fills in what the
 * server decides (ids when absent, times, history) and validates the resulting document again.
 */
import {
  STATUSES,
  type Alternative,
  type Incident,
  type IncidentImpact,
  type IncidentState,
  type LocalizedText,
  type MaintenanceState,
  type Status,
  type StatusDocument,
  type Timestamp,
} from '../types.js';
import { alternatives } from './alternative.js';
import { incidentImpact, incidentState } from './incident.js';
import { boolean, id, longText, oneOf, shortText } from './primitives.js';
import { allPresent, definedOnly, readInput, type Issues, type Reader } from './reader.js';
import { affectedServices, referencesOf } from './references.js';
import type { Validation } from './result.js';
import { checkOrder, timestamp } from './time.js';
import {
  checkUpdateCount,
  checkWriteLimits,
  WRITE_LIMIT_DEFAULTS,
  type WriteContext,
} from './write-limits.js';

export interface NewIncident {
  /** Chosen by the server when absent. */
  readonly id?: string;
  readonly services: readonly string[];
  readonly impact: IncidentImpact;
  readonly title: LocalizedText;
  readonly message: LocalizedText;
  readonly state?: Exclude<IncidentState, 'resolved'>;
  readonly startedAt?: Timestamp;
  readonly alternatives?: readonly Alternative[];
  readonly keepsWork?: boolean;
}

/** A new entry in an incident's history; the other fields replace the incident's when given. */
export interface IncidentUpdateInput {
  readonly state: IncidentState;
  readonly message: LocalizedText;
  readonly impact?: IncidentImpact;
  readonly services?: readonly string[];
  /** The time of the update (and of resolution); the server's clock when absent. */
  readonly time?: Timestamp;
  readonly title?: LocalizedText;
  readonly alternatives?: readonly Alternative[];
  readonly keepsWork?: boolean;
}

export interface NewMaintenance {
  readonly id?: string;
  readonly services: readonly string[];
  readonly title: LocalizedText;
  readonly message: LocalizedText;
  readonly scheduledStart: Timestamp;
  readonly scheduledEnd: Timestamp;
  readonly alternatives?: readonly Alternative[];
  readonly keepsWork?: boolean;
}

/** Fields to replace in a maintenance window; actual times default to the server's clock. */
export interface MaintenanceChange {
  readonly state?: Exclude<MaintenanceState, 'scheduled'>;
  readonly actualStart?: Timestamp;
  readonly actualEnd?: Timestamp;
  readonly scheduledStart?: Timestamp;
  readonly scheduledEnd?: Timestamp;
  readonly title?: LocalizedText;
  readonly message?: LocalizedText;
  readonly services?: readonly string[];
  readonly alternatives?: readonly Alternative[];
  readonly keepsWork?: boolean;
}

export interface ServiceStatusChange {
  readonly status: Status;
  readonly message?: LocalizedText;
}

/** An id the client chose for a new entity; it must not be taken. */
function newId(kind: string, taken: readonly { readonly id: string }[]): Reader<string> {
  const ids = new Set(taken.map((item) => item.id));
  return (value, path, issues) => {
    const read = id(value, path, issues);
    if (read === undefined || !ids.has(read)) return read;
    issues.push({ path, message: `${kind} "${read}" already exists` });
    return undefined;
  };
}

const openState: Reader<Exclude<IncidentState, 'resolved'>> = (value, path, issues) => {
  const state = incidentState(value, path, issues);
  if (state !== 'resolved') return state;
  issues.push({ path, message: 'a new incident cannot start resolved' });
  return undefined;
};

export function validateNewIncident(
  input: unknown,
  document: StatusDocument,
  context: WriteContext = {},
): Validation<NewIncident> {
  const services = affectedServices(referencesOf(document));
  return readInput(input, (fields, issues) => {
    const optionalId = definedOnly({
      id: fields.optional('id', newId('incident', document.incidents)),
    });
    const required = allPresent({
      services: fields.required('services', services),
      impact: fields.required('impact', incidentImpact),
      title: fields.required('title', shortText),
      message: fields.required('message', longText),
    });
    const optional = definedOnly({
      state: fields.optional('state', openState),
      startedAt: fields.optional('startedAt', timestamp),
      alternatives: fields.optional('alternatives', alternatives),
      keepsWork: fields.optional('keepsWork', boolean),
    });
    checkWriteLimits({ ...required, ...optional }, context.limits ?? WRITE_LIMIT_DEFAULTS, issues);
    return required && { ...optionalId, ...required, ...optional };
  });
}

export function validateIncidentUpdate(
  input: unknown,
  document: StatusDocument,
  incident: Incident,
  context: WriteContext = {},
): Validation<IncidentUpdateInput> {
  const services = affectedServices(referencesOf(document));
  const limits = context.limits ?? WRITE_LIMIT_DEFAULTS;
  return readInput(input, (fields, issues) => {
    if (incident.state === 'resolved') {
      issues.push({ path: '', message: `incident "${incident.id}" is already resolved` });
    } else {
      checkUpdateCount(incident, limits, issues);
    }
    const required = allPresent({
      state: fields.required('state', incidentState),
      message: fields.required('message', longText),
    });
    const optional = definedOnly({
      impact: fields.optional('impact', incidentImpact),
      services: fields.optional('services', services),
      time: fields.optional('time', timestamp),
      title: fields.optional('title', shortText),
      alternatives: fields.optional('alternatives', alternatives),
      keepsWork: fields.optional('keepsWork', boolean),
    });
    checkOrder(
      issues,
      'time',
      ['time', optional.time],
      ["the incident's startedAt", incident.startedAt],
      true,
    );
    checkWriteLimits({ ...required, ...optional }, limits, issues);
    return required && { ...required, ...optional };
  });
}

export function validateNewMaintenance(
  input: unknown,
  document: StatusDocument,
  context: WriteContext = {},
): Validation<NewMaintenance> {
  const services = affectedServices(referencesOf(document));
  return readInput(input, (fields, issues) => {
    const optionalId = definedOnly({
      id: fields.optional('id', newId('maintenance', document.maintenance)),
    });
    const scheduledStart = fields.required('scheduledStart', timestamp);
    const scheduledEnd = fields.required('scheduledEnd', timestamp);
    const required = allPresent({
      services: fields.required('services', services),
      title: fields.required('title', shortText),
      message: fields.required('message', longText),
      scheduledStart,
      scheduledEnd,
    });
    const optional = definedOnly({
      alternatives: fields.optional('alternatives', alternatives),
      keepsWork: fields.optional('keepsWork', boolean),
    });
    checkOrder(
      issues,
      'scheduledEnd',
      ['scheduledEnd', scheduledEnd],
      ['scheduledStart', scheduledStart],
      false,
    );
    checkNotOver(issues, scheduledEnd, context.now);
    checkWriteLimits({ ...required, ...optional }, context.limits ?? WRITE_LIMIT_DEFAULTS, issues);
    return required && { ...optionalId, ...required, ...optional };
  });
}

/**
 * A planned window must still be ahead of us, at least in part: one that already ended is a
 * record of the past, which citizens would see announced as if it were coming.
 */
export function checkNotOver(
  issues: Issues,
  scheduledEnd: Timestamp | undefined,
  now: Date | undefined,
): void {
  if (scheduledEnd === undefined || now === undefined) return;
  if (Date.parse(scheduledEnd) > now.getTime()) return;
  issues.push({
    path: 'scheduledEnd',
    message:
      `${scheduledEnd} has already passed (the feed's clock says ${now.toISOString()}); ` +
      'a planned window must end in the future',
  });
}

export function validateServiceStatusChange(
  input: unknown,
  context: WriteContext = {},
): Validation<ServiceStatusChange> {
  const status = oneOf(STATUSES);
  return readInput(input, (fields, issues) => {
    const required = fields.required('status', status);
    const optional = definedOnly({ message: fields.optional('message', longText) });
    checkWriteLimits(optional, context.limits ?? WRITE_LIMIT_DEFAULTS, issues);
    return required && { status: required, ...optional };
  });
}

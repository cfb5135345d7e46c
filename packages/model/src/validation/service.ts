import {
  STATUSES,
  STATUS_ORIGINS,
  type DependencyRef,
  type Service,
  type SlaDeclaration,
} from '../types.js';
import { alternatives } from './alternative.js';
import { httpsUrl } from './links.js';
import {
  boolean,
  id,
  longText,
  nonNegativeInteger,
  oneOf,
  percentage,
  positiveInteger,
  shortText,
} from './primitives.js';
import { timestamp, timeZone } from './time.js';
import { allPresent, definedOnly, isRecord, itemPath, readObject, type Reader } from './reader.js';
import { authorityRef, serviceRef, type References } from './references.js';

/** The service a `dependsOn` entry names, read leniently from unvalidated input. */
export function dependencyTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  return isRecord(entry) && typeof entry.service === 'string' ? entry.service : undefined;
}

function dependency(references: References, owner: string | undefined): Reader<DependencyRef> {
  const known = serviceRef(references);
  return (value, path, issues) => {
    const target = dependencyTarget(value);
    if (target !== undefined && target === owner) {
      issues.push({ path, message: `service "${target}" cannot depend on itself` });
      return undefined;
    }
    if (typeof value === 'string') return known(value, path, issues);
    if (!isRecord(value)) {
      issues.push({ path, message: 'must be a service id or { "service": id, "optional": true }' });
      return undefined;
    }
    return readObject(value, path, issues, (fields) => {
      const service = fields.required('service', known);
      const optional = fields.optional('optional', boolean);
      return service === undefined ? undefined : { service, ...definedOnly({ optional }) };
    });
  };
}

/** `owner` is the id of the service whose list this is, to catch a service depending on itself. */
function dependencies(references: References, owner: string | undefined): Reader<DependencyRef[]> {
  const entry = dependency(references, owner);
  return (value, path, issues) => {
    if (!Array.isArray(value)) {
      issues.push({ path, message: 'must be an array' });
      return undefined;
    }
    const elements: readonly unknown[] = value;
    const entries: DependencyRef[] = [];
    const firstPath = new Map<string, string>();
    let complete = true;
    for (let index = 0; index < elements.length; index++) {
      const at = itemPath(path, index);
      const read = entry(elements[index], at, issues);
      const target = read === undefined ? undefined : dependencyTarget(read);
      const earlier = target === undefined ? undefined : firstPath.get(target);
      if (read === undefined || target === undefined) complete = false;
      else if (earlier !== undefined) {
        issues.push({ path: at, message: `duplicate dependency "${target}" (also ${earlier})` });
        complete = false;
      } else {
        firstPath.set(target, at);
        entries.push(read);
      }
    }
    return complete ? entries : undefined;
  };
}

const sla: Reader<SlaDeclaration> = (value, path, issues) =>
  readObject(value, path, issues, (fields) => {
    const availabilityTarget = fields.required('availabilityTarget', percentage);
    const optional = definedOnly({
      supportHours: fields.optional('supportHours', shortText),
      maxOutageMinutes: fields.optional('maxOutageMinutes', positiveInteger),
      noticePeriodDays: fields.optional('noticePeriodDays', nonNegativeInteger),
    });
    return availabilityTarget === undefined ? undefined : { availabilityTarget, ...optional };
  });

export function service(references: References): Reader<Service> {
  const owner = authorityRef(references);
  const status = oneOf(STATUSES);
  return (value, path, issues) =>
    readObject(value, path, issues, (fields) => {
      const serviceId = fields.required('id', id);
      const required = allPresent({
        id: serviceId,
        name: fields.required('name', shortText),
        owner: fields.required('owner', owner),
        status: fields.required('status', status),
      });
      const optional = definedOnly({
        url: fields.optional('url', httpsUrl),
        timeZone: fields.optional('timeZone', timeZone),
        dependsOn: fields.optional('dependsOn', dependencies(references, serviceId)),
        statusMessage: fields.optional('statusMessage', longText),
        statusSince: fields.optional('statusSince', timestamp),
        statusOrigin: fields.optional('statusOrigin', oneOf(STATUS_ORIGINS)),
        sla: fields.optional('sla', sla),
        alternatives: fields.optional('alternatives', alternatives),
      });
      return required && { ...required, ...optional };
    });
}

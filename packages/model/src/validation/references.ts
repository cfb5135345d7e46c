import type { StatusDocument } from '../types.js';
import { isRecord, itemPath, type Reader } from './reader.js';
import { id } from './primitives.js';

/** The ids that references in an entity may point at. */
export interface References {
  /** `undefined` when the services could not be read: then references to them go unchecked. */
  readonly services: ReadonlySet<string> | undefined;
  /** `undefined` when the document lists no authorities: then any id is accepted as an owner. */
  readonly authorities: ReadonlySet<string> | undefined;
}

export function referencesOf(document: StatusDocument): References {
  return {
    services: new Set(document.services.map((service) => service.id)),
    authorities: document.authorities && new Set(document.authorities.map((a) => a.id)),
  };
}

/**
 * The string ids in a collection that has not been validated yet. Cross-references are checked
 * against these, so an entity that is broken in some other way does not also cause an "unknown
 * service" issue everywhere it is mentioned.
 */
export function rawIds(collection: unknown): Set<string> | undefined {
  if (!Array.isArray(collection)) return undefined;
  const ids = new Set<string>();
  for (const item of collection as readonly unknown[]) {
    if (isRecord(item) && typeof item.id === 'string') ids.add(item.id);
  }
  return ids;
}

export function serviceRef(references: References): Reader<string> {
  return (value, path, issues) => {
    const read = id(value, path, issues);
    if (read === undefined || references.services?.has(read) !== false) return read;
    issues.push({ path, message: `unknown service "${read}"` });
    return undefined;
  };
}

export function authorityRef(references: References): Reader<string> {
  return (value, path, issues) => {
    const read = id(value, path, issues);
    if (read === undefined || references.authorities?.has(read) !== false) return read;
    issues.push({ path, message: `unknown authority "${read}"` });
    return undefined;
  };
}

/** The services an incident or maintenance concerns: at least one, each known, none twice. */
export function affectedServices(references: References): Reader<string[]> {
  const service = serviceRef(references);
  return (value, path, issues) => {
    if (!Array.isArray(value)) {
      issues.push({ path, message: 'must be an array of service ids' });
      return undefined;
    }
    const elements: readonly unknown[] = value;
    if (elements.length === 0) {
      issues.push({ path, message: 'must name at least one service' });
      return undefined;
    }
    const firstPath = new Map<string, string>();
    let complete = true;
    for (let index = 0; index < elements.length; index++) {
      const at = itemPath(path, index);
      const read = service(elements[index], at, issues);
      const earlier = read === undefined ? undefined : firstPath.get(read);
      if (read === undefined) complete = false;
      else if (earlier !== undefined) {
        issues.push({ path: at, message: `duplicate service "${read}" (also ${earlier})` });
        complete = false;
      } else firstPath.set(read, at);
    }
    return complete ? [...firstPath.keys()] : undefined;
  };
}

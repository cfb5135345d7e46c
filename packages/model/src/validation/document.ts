import type { Authority, StatusDocument } from '../types.js';
import { incident } from './incident.js';
import { maintenance } from './maintenance.js';
import { id, localeTag, shortText } from './primitives.js';
import { timeZone } from './time.js';
import {
  allPresent,
  arrayOf,
  definedOnly,
  isRecord,
  itemPath,
  quote,
  readObject,
  type Issues,
  type Reader,
} from './reader.js';
import { rawIds, type References } from './references.js';
import { toValidation, type Validation, type ValidationIssue } from './result.js';
import { dependencyCycles } from './dependency-cycles.js';
import { service } from './service.js';

const authority: Reader<Authority> = (value, path, issues) =>
  readObject(value, path, issues, (fields) =>
    allPresent({ id: fields.required('id', id), name: fields.required('name', shortText) }),
  );

const COLLECTIONS = ['authorities', 'services', 'incidents', 'maintenance'] as const;

export function duplicateIds(document: Readonly<Record<string, unknown>>, issues: Issues): void {
  for (const collection of COLLECTIONS) {
    const items = document[collection];
    if (!Array.isArray(items)) continue;
    const firstPath = new Map<string, string>();
    (items as readonly unknown[]).forEach((item, index) => {
      if (!isRecord(item) || typeof item.id !== 'string') return;
      const at = itemPath(collection, index);
      const earlier = firstPath.get(item.id);
      if (earlier === undefined) firstPath.set(item.id, at);
      else
        issues.push({
          path: `${at}.id`,
          message: `duplicate id ${quote(item.id)} (also ${earlier})`,
        });
    });
  }
}

export function validateDocument(input: unknown): Validation<StatusDocument> {
  const issues: ValidationIssue[] = [];
  const raw = isRecord(input) ? input : {};
  const references: References = {
    services: rawIds(raw.services),
    authorities: rawIds(raw.authorities),
  };
  const document = readObject(input, '', issues, (fields) => {
    const settings = allPresent({
      defaultLocale: fields.required('defaultLocale', localeTag),
      timeZone: fields.required('timeZone', timeZone),
    });
    const authorities = definedOnly({
      authorities: fields.optional('authorities', arrayOf(authority)),
    });
    const content = allPresent({
      services: fields.required('services', arrayOf(service(references))),
      incidents: fields.required('incidents', arrayOf(incident(references))),
      maintenance: fields.required('maintenance', arrayOf(maintenance(references))),
    });
    return settings && content && { ...settings, ...authorities, ...content };
  });
  duplicateIds(raw, issues);
  if (Array.isArray(raw.services)) dependencyCycles(raw.services as readonly unknown[], issues);
  return toValidation(document, issues);
}

import type { Incident, Maintenance, Service, StatusDocument } from './types.js';

/** The kinds of entity a change can remove. */
export type EntityKind = 'service' | 'incident' | 'maintenance';

/**
 * One accepted change to the status document: the feed journals these, streams them as SSE
 * events of the same `type`, and the client applies them to its copy. Entities travel whole, so
 * applying a change is an upsert and never depends on what the receiver already had.
 */
export type Change =
  | { readonly type: 'service'; readonly service: Service }
  | { readonly type: 'incident'; readonly incident: Incident }
  | { readonly type: 'maintenance'; readonly maintenance: Maintenance }
  | { readonly type: 'removed'; readonly kind: EntityKind; readonly id: string };

export const CHANGE_TYPES = ['service', 'incident', 'maintenance', 'removed'] as const;

function upsert<T extends { readonly id: string }>(items: readonly T[], item: T): T[] {
  const index = items.findIndex((existing) => existing.id === item.id);
  if (index === -1) return [...items, item];
  const copy = [...items];
  copy[index] = item;
  return copy;
}

function without<T extends { readonly id: string }>(items: readonly T[], id: string): T[] {
  return items.filter((item) => item.id !== id);
}

/** Returns a new document with the change applied; the input is never mutated. */
export function applyChange(document: StatusDocument, change: Change): StatusDocument {
  switch (change.type) {
    case 'service':
      return { ...document, services: upsert(document.services, change.service) };
    case 'incident':
      return { ...document, incidents: upsert(document.incidents, change.incident) };
    case 'maintenance':
      return { ...document, maintenance: upsert(document.maintenance, change.maintenance) };
    case 'removed':
      switch (change.kind) {
        case 'service':
          return { ...document, services: without(document.services, change.id) };
        case 'incident':
          return { ...document, incidents: without(document.incidents, change.id) };
        case 'maintenance':
          return { ...document, maintenance: without(document.maintenance, change.id) };
      }
  }
}

/**
 * The service ids a change concerns, judged against the document before it is applied, so that
 * an incident moved off a service still reaches the pages that showed it.
 */
export function servicesTouched(before: StatusDocument, change: Change): Set<string> {
  const touched = new Set<string>();
  const add = (ids: readonly string[] | undefined): void => {
    for (const id of ids ?? []) touched.add(id);
  };
  switch (change.type) {
    case 'service':
      touched.add(change.service.id);
      break;
    case 'incident':
      add(change.incident.services);
      add(before.incidents.find((i) => i.id === change.incident.id)?.services);
      break;
    case 'maintenance':
      add(change.maintenance.services);
      add(before.maintenance.find((m) => m.id === change.maintenance.id)?.services);
      break;
    case 'removed':
      if (change.kind === 'service') touched.add(change.id);
      if (change.kind === 'incident')
        add(before.incidents.find((i) => i.id === change.id)?.services);
      if (change.kind === 'maintenance') {
        add(before.maintenance.find((m) => m.id === change.id)?.services);
      }
      break;
  }
  return touched;
}

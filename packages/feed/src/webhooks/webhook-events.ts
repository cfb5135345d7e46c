/**
 * What a subscriber hears: one event per accepted incident, maintenance or service change
 * (see `EventNamer`), named by what the change did to the entity.
 */
import type { ChangeRecord } from '../store/change-store.js';

export const WEBHOOK_EVENTS = [
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'maintenance.scheduled',
  'maintenance.updated',
  'maintenance.started',
  'maintenance.completed',
  'maintenance.cancelled',
  'service.status_changed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** The body of one delivery, in the Standard Webhooks shape. */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  /** When the change was accepted (the record's time). */
  readonly timestamp: string;
  readonly data: {
    readonly revision: number;
    readonly services: readonly string[];
    readonly incident?: unknown;
    readonly maintenance?: unknown;
    readonly service?: unknown;
  };
}

/**
 * Names each record's event from the state the same entity had before it, as far as this
 * process has seen; records must be given in revision order. Entities first seen here (history
 * before the oldest kept record) are named from their own state.
 */
export class EventNamer {
  /** `incident:<id>`, `maintenance:<id>`, `service:<id>` → the state (or status) seen last. */
  readonly #seen = new Map<string, string>();
  #revision = 0;

  /** Revision of the last record named. */
  get revision(): number {
    return this.#revision;
  }

  /**
   * The event the record is, or `undefined` for records subscribers do not hear: catalogue edits
   * from the config at start-up, removals by the live window, service edits that keep the status.
   */
  name(record: ChangeRecord): WebhookEvent | undefined {
    this.#revision = record.revision;
    const { change } = record;
    if (change.type === 'removed') return undefined;
    const key =
      change.type === 'incident'
        ? `incident:${change.incident.id}`
        : change.type === 'maintenance'
          ? `maintenance:${change.maintenance.id}`
          : `service:${change.service.id}`;
    const state =
      change.type === 'incident'
        ? change.incident.state
        : change.type === 'maintenance'
          ? change.maintenance.state
          : change.service.status;
    const previous = this.#seen.get(key);
    this.#seen.set(key, state);
    if (record.actor === 'config') return undefined;
    const type = typeOf(change.type, state, previous, record);
    if (type === undefined) return undefined;
    const entity =
      change.type === 'incident'
        ? { incident: change.incident }
        : change.type === 'maintenance'
          ? { maintenance: change.maintenance }
          : { service: change.service };
    return {
      type,
      timestamp: record.time,
      data: { revision: record.revision, services: record.services, ...entity },
    };
  }
}

function typeOf(
  kind: 'incident' | 'maintenance' | 'service',
  state: string,
  previous: string | undefined,
  record: ChangeRecord,
): WebhookEventType | undefined {
  if (kind === 'service') return previous === state ? undefined : 'service.status_changed';
  if (kind === 'incident') {
    if (state === 'resolved')
      return previous === 'resolved' ? 'incident.updated' : 'incident.resolved';
    if (previous !== undefined) return 'incident.updated';
    const { change } = record;
    return change.type === 'incident' && change.incident.updates.length > 1
      ? 'incident.updated'
      : 'incident.opened';
  }
  if (previous === state) return 'maintenance.updated';
  switch (state) {
    case 'scheduled':
      return previous === undefined ? 'maintenance.scheduled' : 'maintenance.updated';
    case 'in_progress':
      return 'maintenance.started';
    case 'completed':
      return 'maintenance.completed';
    default:
      return 'maintenance.cancelled';
  }
}

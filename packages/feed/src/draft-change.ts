/**
 * The change an admin write would make, judged as every write is: the id not taken, the body
 * validated against the current document, the authority owning what it touches, the command
 * applied. The admin routes store it; the console's preview only shows it.
 */
import {
  validateIncidentUpdate,
  validateMaintenanceChange,
  validateNewIncident,
  validateNewMaintenance,
  type Change,
  type StatusDocument,
  type WriteContext,
} from '@statuskit/model';
import { requireOwnership } from './auth.js';
import {
  changeMaintenance,
  openIncident,
  scheduleMaintenance,
  updateIncident,
} from './commands.js';
import { HttpError } from './http/http-error.js';
import { valid } from './write-path.js';

/** A write to judge: its kind, the id it concerns (for updates) and its JSON body. */
export type Draft =
  | { readonly kind: 'new-incident'; readonly body: unknown }
  | { readonly kind: 'incident-update'; readonly id: string; readonly body: unknown }
  | { readonly kind: 'new-maintenance'; readonly body: unknown }
  | { readonly kind: 'maintenance-change'; readonly id: string; readonly body: unknown };

/** The change the draft's write would make, or the write's refusal (400, 403, 404, 409). */
export function draftChange(
  document: StatusDocument,
  authority: string,
  draft: Draft,
  judged: WriteContext & { readonly now: Date },
): Change {
  const { now } = judged;
  switch (draft.kind) {
    case 'new-incident': {
      refuseTaken('incident', draft.body, document.incidents);
      const input = valid(validateNewIncident(draft.body, document, judged));
      requireOwnership(document, authority, input.services);
      return { type: 'incident', incident: openIncident(document, input, now) };
    }
    case 'incident-update': {
      const incident = document.incidents.find((item) => item.id === draft.id);
      if (!incident) throw new HttpError(404, `no incident "${draft.id}"`);
      requireOwnership(document, authority, incident.services);
      const input = valid(validateIncidentUpdate(draft.body, document, incident, judged));
      requireOwnership(document, authority, input.services ?? []);
      return { type: 'incident', incident: updateIncident(incident, input, now) };
    }
    case 'new-maintenance': {
      refuseTaken('maintenance', draft.body, document.maintenance);
      const input = valid(validateNewMaintenance(draft.body, document, judged));
      requireOwnership(document, authority, input.services);
      return { type: 'maintenance', maintenance: scheduleMaintenance(document, input, now) };
    }
    case 'maintenance-change': {
      const existing = document.maintenance.find((item) => item.id === draft.id);
      if (!existing) throw new HttpError(404, `no maintenance "${draft.id}"`);
      requireOwnership(document, authority, existing.services);
      const input = valid(validateMaintenanceChange(draft.body, document, existing, judged));
      requireOwnership(document, authority, input.services ?? []);
      return { type: 'maintenance', maintenance: changeMaintenance(existing, input, now) };
    }
  }
}

/** Creating something under an id that is live is a conflict (409), not a malformed request. */
export function refuseTaken(
  kind: string,
  body: unknown,
  existing: readonly { readonly id: string }[],
): void {
  const id = typeof body === 'object' && body !== null && 'id' in body ? body.id : undefined;
  if (typeof id === 'string' && existing.some((item) => item.id === id)) {
    throw new HttpError(409, `${kind} "${id}" already exists; choose another id or leave it out`);
  }
}

import type { Alternative, LocalizedText, Maintenance } from '@statuskit/model';

/** What the new-maintenance form holds; sent as the body of `POST /v1/admin/maintenance`. */
export interface MaintenanceDraft {
  readonly service: string;
  /** ISO 8601, from a planned window or typed in by hand. */
  readonly scheduledStart: string;
  readonly scheduledEnd: string;
  readonly title: LocalizedText;
  readonly message: LocalizedText;
  readonly alternatives: readonly Alternative[];
  readonly keepsWork: boolean;
}

export const EMPTY_MAINTENANCE: MaintenanceDraft = {
  service: '',
  scheduledStart: '',
  scheduledEnd: '',
  title: {},
  message: {},
  alternatives: [],
  keepsWork: false,
};

/** The write's body: optional parts left out when empty, as an operator would with curl. */
export function maintenanceBody(draft: MaintenanceDraft): Record<string, unknown> {
  return {
    services: draft.service === '' ? [] : [draft.service],
    title: draft.title,
    message: draft.message,
    scheduledStart: draft.scheduledStart,
    scheduledEnd: draft.scheduledEnd,
    ...(draft.alternatives.length > 0 && { alternatives: draft.alternatives }),
    ...(draft.keepsWork && { keepsWork: true }),
  };
}

/** Takes over the texts and alternatives of an earlier window, keeping service and times. */
export function reuse(draft: MaintenanceDraft, earlier: Maintenance): MaintenanceDraft {
  return {
    ...draft,
    title: earlier.title,
    message: earlier.message,
    alternatives: earlier.alternatives ?? [],
    keepsWork: earlier.keepsWork ?? false,
  };
}

/** `<input type="datetime-local">`'s value for an ISO time, in the browser's zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** An ISO time (UTC) from a `datetime-local` value, read in the browser's zone; '' if empty. */
export function fromLocalInput(value: string): string {
  if (value === '') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

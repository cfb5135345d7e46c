import type {
  Incident,
  IncidentUpdateInput,
  Maintenance,
  MaintenanceChange,
  NewIncident,
  NewMaintenance,
  Service,
  ServiceStatusChange,
  StatusDocument,
  StatusOrigin,
} from '@statuskit/model';

/**
 * Admin writes turned into whole entities. Inputs are already validated; these functions only
 * fill in what the server decides (ids, times, history).
 */

/** A readable id that is unique in `taken`: `inc-20260314-1`, `mnt-20260314-2`. */
export function nextId(
  prefix: string,
  now: Date,
  taken: readonly { readonly id: string }[],
): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  const ids = new Set(taken.map((item) => item.id));
  for (let n = 1; ; n += 1) {
    const id = `${prefix}-${day}-${n}`;
    if (!ids.has(id)) return id;
  }
}

export function openIncident(document: StatusDocument, input: NewIncident, now: Date): Incident {
  const startedAt = input.startedAt ?? now.toISOString();
  const state = input.state ?? 'investigating';
  return {
    id: input.id ?? nextId('inc', now, document.incidents),
    services: input.services,
    impact: input.impact,
    title: input.title,
    message: input.message,
    state,
    startedAt,
    updates: [{ time: startedAt, state, message: input.message }],
    ...(input.alternatives && { alternatives: input.alternatives }),
    ...(input.keepsWork !== undefined && { keepsWork: input.keepsWork }),
  };
}

export function updateIncident(
  incident: Incident,
  input: IncidentUpdateInput,
  now: Date,
): Incident {
  const time = input.time ?? now.toISOString();
  const { resolvedAt: _previous, ...rest } = incident;
  return {
    ...rest,
    state: input.state,
    message: input.message,
    ...(input.impact && { impact: input.impact }),
    ...(input.services && { services: input.services }),
    ...(input.title && { title: input.title }),
    ...(input.alternatives && { alternatives: input.alternatives }),
    ...(input.keepsWork !== undefined && { keepsWork: input.keepsWork }),
    ...(input.state === 'resolved' && { resolvedAt: time }),
    updates: [...incident.updates, { time, state: input.state, message: input.message }],
  };
}

export function scheduleMaintenance(
  document: StatusDocument,
  input: NewMaintenance,
  now: Date,
): Maintenance {
  return {
    id: input.id ?? nextId('mnt', now, document.maintenance),
    services: input.services,
    title: input.title,
    message: input.message,
    scheduledStart: input.scheduledStart,
    scheduledEnd: input.scheduledEnd,
    announcedAt: now.toISOString(),
    state: 'scheduled',
    ...(input.alternatives && { alternatives: input.alternatives }),
    ...(input.keepsWork !== undefined && { keepsWork: input.keepsWork }),
  };
}

export function changeMaintenance(
  existing: Maintenance,
  input: MaintenanceChange,
  now: Date,
): Maintenance {
  const { state: requested, ...fields } = input;
  const state = requested ?? existing.state;
  const at = now.toISOString();
  const merged: Maintenance = { ...existing, ...fields, state };
  switch (state) {
    case 'in_progress':
      return { ...merged, actualStart: input.actualStart ?? existing.actualStart ?? at };
    case 'completed':
      return {
        ...merged,
        // Work finished without ever being started here: it ran inside the announced window.
        actualStart:
          input.actualStart ?? existing.actualStart ?? earlier(existing.scheduledStart, at),
        actualEnd: input.actualEnd ?? existing.actualEnd ?? at,
      };
    case 'scheduled':
    case 'cancelled':
      return merged;
  }
}

function earlier(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/** The service with its own status set by `origin` (an operator's admin write, or a probe). */
export function setServiceStatus(
  service: Service,
  input: ServiceStatusChange,
  now: Date,
  origin: StatusOrigin,
): Service {
  const { statusMessage: _previous, ...rest } = service;
  const changed = input.status !== service.status;
  return {
    ...rest,
    status: input.status,
    ...(input.message && { statusMessage: input.message }),
    ...((changed || service.statusSince === undefined) && { statusSince: now.toISOString() }),
    statusOrigin: origin,
  };
}

/**
 * The service handed back to its probes (`DELETE …/status`): their current conclusion when they
 * have one; while they do not know yet, the status stays as it is until their first conclusion.
 */
export function handBackToProbes(
  service: Service,
  conclusion: ServiceStatusChange | undefined,
  now: Date,
): Service {
  if (conclusion) return setServiceStatus(service, conclusion, now, 'probe');
  return { ...service, statusOrigin: 'probe' };
}

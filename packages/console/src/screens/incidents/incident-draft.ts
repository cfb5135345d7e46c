import type {
  Alternative,
  IncidentImpact,
  IncidentState,
  LocalizedText,
  StatusDocument,
} from '@statuskit/model';

/** What the new-incident form holds; sent as the body of `POST /v1/admin/incidents`. */
export interface IncidentDraft {
  readonly services: readonly string[];
  readonly impact: IncidentImpact;
  readonly title: LocalizedText;
  readonly message: LocalizedText;
  readonly alternatives: readonly Alternative[];
  readonly keepsWork: boolean;
}

export const EMPTY_DRAFT: IncidentDraft = {
  services: [],
  impact: 'major',
  title: {},
  message: {},
  alternatives: [],
  keepsWork: false,
};

/** The write's body: optional parts left out when empty, as an operator would with curl. */
export function incidentBody(draft: IncidentDraft): Record<string, unknown> {
  return {
    services: draft.services,
    impact: draft.impact,
    title: draft.title,
    message: draft.message,
    ...(draft.alternatives.length > 0 && { alternatives: draft.alternatives }),
    ...(draft.keepsWork && { keepsWork: true }),
  };
}

/** What the update form holds (`POST /v1/admin/incidents/{id}/updates`). */
export interface UpdateDraft {
  readonly state: IncidentState;
  readonly message: LocalizedText;
}

/**
 * The services whose pages an incident on `services` shows on: those services, then every
 * service depending on them, directly or not, in document order.
 */
export function pagesShowing(
  document: Pick<StatusDocument, 'services'>,
  services: readonly string[],
): string[] {
  const reached = new Set(services);
  let grew = true;
  while (grew) {
    grew = false;
    for (const service of document.services) {
      if (reached.has(service.id)) continue;
      const depends = (service.dependsOn ?? []).some((edge) =>
        reached.has(typeof edge === 'string' ? edge : edge.service),
      );
      if (depends) {
        reached.add(service.id);
        grew = true;
      }
    }
  }
  return [
    ...services,
    ...document.services
      .map(({ id }) => id)
      .filter((id) => reached.has(id) && !services.includes(id)),
  ];
}

import type { ServiceView, ViewAlternative } from '@statuskit/model';

/**
 * What `<status-alternatives>` lists from a view: the service's alternatives now, merged on the
 * feed with those of maintenance coming up inside the notice window so people can prepare
 * (`alternativesWithPlanned`), in the model's kind order (WCAG 3.2.6 consistent help). In mode
 * `auto` only while the service has a notice; `always` whenever there are any.
 */
export function alternativesOf(view: ServiceView, always: boolean): readonly ViewAlternative[] {
  if (!always && view.notices.length === 0) return [];
  return view.alternativesWithPlanned ?? view.alternatives;
}

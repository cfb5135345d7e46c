import type { ServiceStatusChange } from '@statuskit/model';

/** What the probes conclude about the services they watch (see `ProbeRunner`). */
export interface ProbeConclusions {
  /** Whether the config has a probe for the service. */
  watches(service: string): boolean;
  /**
   * The status (and its message) the service's probes conclude now; `undefined` while they do
   * not know yet, or while another process holds the probe lease.
   */
  conclusion(service: string): ServiceStatusChange | undefined;
}

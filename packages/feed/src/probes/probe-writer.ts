/**
 * A probe's conclusion stored as the service's own status, on the same durable path as admin
 * writes (write queue, current document, validation, append, metrics, log), with actor
 * `probe:<id>`. Nothing is written while an operator's status holds the service, nor when the
 * document already says what the probes conclude.
 */
import type { FeedConfig, ServiceStatusChange } from '@statuskit/model';
import { setServiceStatus } from '../commands.js';
import { onCurrentDocument } from '../store/current-append.js';
import type { ChangeRecord } from '../store/change-store.js';
import type { WriteQueue } from '../write-queue.js';
import { storeChange, type WritePathDependencies } from '../write-path.js';

export interface ProbeWriterDependencies extends WritePathDependencies {
  readonly config: FeedConfig;
  readonly writes: WriteQueue;
  readonly now: () => Date;
}

/** The actor of a probe's writes, in the journal and in `report`. */
export function probeActor(probe: string): string {
  return `probe:${probe}`;
}

/** Stores `conclusion` as the service's status when it differs; `undefined` when nothing was. */
export function writeProbeStatus(
  deps: ProbeWriterDependencies,
  serviceId: string,
  conclusion: ServiceStatusChange,
  probe: string,
): Promise<ChangeRecord | undefined> {
  const { store } = deps;
  return deps.writes.run(() =>
    onCurrentDocument(store, async (expectedRevision) => {
      const service = store.document.services.find((entry) => entry.id === serviceId);
      if (!service || service.statusOrigin === 'operator' || service.status === conclusion.status) {
        return undefined;
      }
      const change = {
        type: 'service' as const,
        service: setServiceStatus(service, conclusion, deps.now(), 'probe'),
      };
      return storeChange(deps, change, probeActor(probe), expectedRevision);
    }),
  );
}

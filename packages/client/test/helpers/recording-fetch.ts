export interface FetchCall {
  readonly at: number;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The real `fetch`, with every call recorded and a gate to hold new requests back. */
export interface RecordingFetch {
  readonly fetch: typeof fetch;
  readonly calls: FetchCall[];
  /** Calls to the event stream. */
  streams(): FetchCall[];
  /** Calls to status.json. */
  polls(): FetchCall[];
  /** New requests wait until `release()`. */
  hold(): void;
  release(): void;
}

export function recordingFetch(): RecordingFetch {
  const calls: FetchCall[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open = (): void => undefined;
  return {
    calls,
    fetch: async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      calls.push({
        at: Date.now(),
        url,
        headers: { ...(init?.headers as Record<string, string>) },
      });
      await gate;
      return fetch(input, init);
    },
    streams: () => calls.filter((call) => new URL(call.url).pathname.endsWith('/stream')),
    polls: () => calls.filter((call) => new URL(call.url).pathname.endsWith('/status.json')),
    hold: () => {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => {
      open();
    },
  };
}

/** Counts what the client did with each revision (via the `onEvent` hook). */
export class EventLog {
  readonly events: { type: string; revision: number; outcome: string }[] = [];
  readonly onEvent = (event: { type: string; revision: number; outcome: string }): void => {
    this.events.push({ ...event });
  };

  /** How often each change revision was applied. */
  appliedChanges(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const event of this.events) {
      if (event.outcome === 'applied' && event.type !== 'snapshot') {
        counts.set(event.revision, (counts.get(event.revision) ?? 0) + 1);
      }
    }
    return counts;
  }

  snapshots(): number[] {
    return this.events
      .filter((e) => e.type === 'snapshot' && e.outcome === 'applied')
      .map((e) => e.revision);
  }
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the target answers a request to one path; changeable while a test runs. */
export interface TargetBehaviour {
  readonly status?: number;
  readonly body?: string;
  /** Waits this long before answering (a slow service). */
  readonly delayMs?: number;
  /** Answers with this `Location` (a redirect; status 302 unless given). */
  readonly location?: string;
}

/**
 * A real node:http server standing in for a monitored service: answers by path as told,
 * counts requests (per path) and the most it ever handled at once.
 */
export interface ProbeTarget {
  readonly server: Server;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  behave(path: string, behaviour: TargetBehaviour): void;
  requests(path?: string): number;
  readonly mostAtOnce: number;
  close(): Promise<void>;
}

export async function startProbeTarget(
  create: (handler: (req: IncomingMessage, res: ServerResponse) => void) => Server = (handler) =>
    createServer(handler),
  scheme = 'http',
): Promise<ProbeTarget> {
  const behaviours = new Map<string, TargetBehaviour>();
  const counts = new Map<string, number>();
  let total = 0;
  let inFlight = 0;
  let mostAtOnce = 0;
  const server = create((req, res) => {
    const path = new URL(req.url ?? '/', 'http://target').pathname;
    total += 1;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    inFlight += 1;
    mostAtOnce = Math.max(mostAtOnce, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    const behaviour = behaviours.get(path) ?? { status: 404, body: 'not here' };
    const answer = (): void => {
      if (res.destroyed) return;
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (behaviour.location !== undefined) headers['location'] = behaviour.location;
      res.writeHead(behaviour.status ?? (behaviour.location ? 302 : 200), headers);
      res.end(behaviour.body ?? 'OK');
    };
    // Unref: a hanging answer must not keep the test process alive after the server closed.
    if (behaviour.delayMs) setTimeout(answer, behaviour.delayMs).unref();
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `${scheme}://127.0.0.1:${port}`,
    behave: (path, behaviour) => {
      behaviours.set(path, behaviour);
    },
    requests: (path) => (path === undefined ? total : (counts.get(path) ?? 0)),
    get mostAtOnce() {
      return mostAtOnce;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly at: number;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface RawServer {
  /** `http://127.0.0.1:port/v1`, the base URL a client is given. */
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Requests whose path starts with `prefix` (e.g. `/v1/stream`). */
  seen(prefix: string): SeenRequest[];
  close(): Promise<void>;
}

export type RawHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  seen: SeenRequest,
  index: number,
) => void;

/** A small `node:http` server that misbehaves on purpose, recording every request. */
export async function rawServer(handler: RawHandler): Promise<RawServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const seen = { at: Date.now(), path: req.url ?? '/', headers: req.headers };
    requests.push(seen);
    handler(
      req,
      res,
      seen,
      requests.filter((r) => r.path.split('?')[0] === seen.path.split('?')[0]).length - 1,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    seen: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Forwards a request to `origin` (the real feed) and hands back its response, unread. */
export function forward(origin: string, req: IncomingMessage): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers };
    delete headers.host;
    const upstream = httpRequest(
      `${origin}${req.url ?? '/'}`,
      { method: req.method, headers },
      resolve,
    );
    upstream.on('error', reject);
    req.pipe(upstream);
  });
}

/**
 * Relays an event stream frame by frame (frames end with a blank line), letting `rewrite`
 * drop, repeat or alter each one, as a faulty proxy or network would.
 */
export function relayFrames(
  upstream: IncomingMessage,
  res: ServerResponse,
  rewrite: (frame: string) => string[],
): void {
  res.writeHead(upstream.statusCode ?? 502, upstream.headers);
  upstream.setEncoding('utf8');
  let buffer = '';
  upstream.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const frame = buffer.slice(0, end + 2);
      buffer = buffer.slice(end + 2);
      for (const out of rewrite(frame)) res.write(out);
      end = buffer.indexOf('\n\n');
    }
  });
  upstream.on('end', () => res.end());
  upstream.on('error', () => res.destroy());
  res.on('close', () => upstream.destroy());
}

/** The `id:` of a frame, if any. */
export function frameId(frame: string): number | undefined {
  const match = /^id: (\d+)$/m.exec(frame);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function frameEvent(frame: string): string | undefined {
  return /^event: (\S+)$/m.exec(frame)?.[1];
}

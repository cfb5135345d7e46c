import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface ReceivedDelivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly json: { type: string; timestamp: string; data: Record<string, unknown> };
}

export interface ReceiverAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** The answer waits until this settles (a slow receiver). */
  readonly hold?: Promise<void>;
}

/** A real webhook receiver on a free loopback port; `answer` decides each response. */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedDelivery[];
  answer: (delivery: ReceivedDelivery, index: number) => ReceiverAnswer;
  /** Resolves once `count` deliveries (attempts) have arrived. */
  waitFor(count: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

export async function startReceiver(
  answer: WebhookReceiver['answer'] = () => ({ status: 204 }),
): Promise<WebhookReceiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answer,
    waitFor: (count) =>
      new Promise((resolve) => {
        const done = (): void => {
          resolve(receiver.received.slice(0, count));
        };
        if (receiver.received.length >= count) done();
        else waiters.push({ count, resolve: done });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const delivery: ReceivedDelivery = {
        headers: req.headers,
        body,
        json: JSON.parse(body) as ReceivedDelivery['json'],
      };
      const index = receiver.received.length;
      receiver.received.push(delivery);
      for (const waiter of waiters.filter((w) => receiver.received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const reply = receiver.answer(delivery, index);
      void (reply.hold ?? Promise.resolve()).then(() => {
        res.writeHead(reply.status, reply.headers).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, { url: `http://127.0.0.1:${port}/hooks` });
}

/** `startReceiver` for a test file: every receiver it starts is closed after each test. */
export function receiversClosedAfterEach(): (
  answer?: WebhookReceiver['answer'],
) => Promise<WebhookReceiver> {
  const started: WebhookReceiver[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((receiver) => receiver.close()));
  });
  return async (answer) => {
    const receiver = await startReceiver(answer);
    started.push(receiver);
    return receiver;
  };
}

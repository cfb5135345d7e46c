/**
 * A service's own page on an agency site, as the examples build it: the script-tag bundle from
 * `@statuskit/elements`' dist, pointed at the feed, with a `<status-banner>` for one service.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

const ELEMENTS_DIST = new URL('../../elements/dist/', import.meta.url).pathname;

export interface ServicePage {
  readonly url: string;
  close(): Promise<void>;
}

function pageFor(feedUrl: string, service: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Service page</title>
    <link rel="icon" href="data:," />
    <script type="module" src="/statuskit/statuskit.js" data-feed="${feedUrl}/v1"></script>
  </head>
  <body>
    <main>
      <status-banner service="${service}"></status-banner>
      <h1>Service page</h1>
    </main>
  </body>
</html>`;
}

/** Serves the page of `service` at `/` and the bundle under `/statuskit/`, on a free port. */
export async function serveServicePage(feedUrl: string, service: string): Promise<ServicePage> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageFor(feedUrl, service));
      return;
    }
    const file = normalize(join(ELEMENTS_DIST, path.replace(/^\/statuskit\//, '')));
    if (!path.startsWith('/statuskit/') || !file.startsWith(ELEMENTS_DIST)) {
      res.writeHead(404).end();
      return;
    }
    stat(file).then(
      () => {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

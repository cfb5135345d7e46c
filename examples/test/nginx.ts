import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../packages/feed/test/helpers/redis.js';

/** Debian's nginx (`apt-get install nginx`; `.ci/run` installs it when missing). */
export const NGINX = process.env['NGINX_PATH'] ?? '/usr/sbin/nginx';
const MIME_TYPES = '/etc/nginx/mime.types';

export interface RunningNginx {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Puts a site config written for nginx's `http` block (`site`, e.g. the example's
 * statuskit.conf) behind a real nginx on a free port, with its upstream servers replaced by
 * `upstreams` (host:port), its `listen` line by that port and each key of `replace` (a path the
 * example writes as a reader would, such as `root /var/www/agency;`) by its value. Everything
 * nginx writes stays in a temporary folder, removed by `stop()`.
 */
export async function startNginx(
  site: string,
  upstreams: readonly string[],
  replace: Readonly<Record<string, string>> = {},
): Promise<RunningNginx> {
  const dir = await mkdtemp(join(tmpdir(), 'statuskit-nginx-'));
  const port = await freePort();
  let text = await readFile(site, 'utf8');
  for (const [from, to] of Object.entries(replace)) {
    if (!text.includes(from)) throw new Error(`${site}: no "${from}" to replace`);
    text = text.replaceAll(from, to);
  }
  const servers = upstreams
    .map((address) => `    server ${address} max_fails=1 fail_timeout=5s;`)
    .join('\n');
  const adapted = text
    .replace(/^(\s*server\s+[\d.:[\]]+\s[^\n]*;\n)+/m, `${servers}\n`)
    .replace(/^\s*listen\s+80;/m, `    listen 127.0.0.1:${port};`);
  if (!adapted.includes(`127.0.0.1:${port}`) || !adapted.includes(upstreams[0] ?? '-')) {
    throw new Error(`${site}: no upstream "server" lines or "listen 80;" line to replace`);
  }
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    await mkdir(join(dir, temp));
  }
  await writeFile(join(dir, 'site.conf'), adapted);
  await writeFile(
    join(dir, 'nginx.conf'),
    [
      // As root, nginx's workers would run as `nobody`, who cannot use the private temp folder.
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'worker_processes 1;',
      'daemon off;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      // As a packaged nginx has it: pages and scripts served with their types.
      ...(existsSync(MIME_TYPES) ? [`  include ${MIME_TYPES};`] : []),
      '  access_log off;',
      `  client_body_temp_path ${join(dir, 'body')};`,
      `  proxy_temp_path ${join(dir, 'proxy')};`,
      `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
      `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
      `  scgi_temp_path ${join(dir, 'scgi')};`,
      `  include ${join(dir, 'site.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  await untilListening(port, child, exited, () => errors);
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function untilListening(
  port: number,
  child: ChildProcess,
  exited: Promise<number | null>,
  errors: () => string,
): Promise<void> {
  const state = { gone: false };
  void exited.then(() => {
    state.gone = true;
  });
  for (let tries = 0; tries < 200; tries += 1) {
    if (state.gone) throw new Error(`nginx exited at start (code ${child.exitCode}): ${errors()}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`nginx did not listen on ${port} within 10 s: ${errors()}`);
}

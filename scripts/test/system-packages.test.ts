import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const scripts = new URL('..', import.meta.url).pathname;
const isRoot = process.getuid?.() === 0;
const scratch = mkdtempSync(join(tmpdir(), 'statuskit-scripts-'));
// Readable by `nobody`, who runs the scripts when the tests run as root.
chmodSync(scratch, 0o755);
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs a script of ours as `nobody` when we are root, so no install can happen. */
function runUnprivileged(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const command = ['bash', join(scripts, script), ...args];
  const [file, ...rest] = isRoot
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command]
    : command;
  return spawnSync(file ?? 'bash', rest, {
    encoding: 'utf8',
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...env },
  });
}

describe('scripts/ensure-debian-packages', () => {
  it('does nothing when every command is there', () => {
    const run = runUnprivileged('ensure-debian-packages', ['bash:bash', 'ls:coreutils']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('without root or sudo, names the missing packages and how to install them, and fails', () => {
    const run = runUnprivileged('ensure-debian-packages', [
      'bash:bash',
      'statuskit-no-such-command:statuskit-no-such-package',
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('statuskit-no-such-package');
    expect(run.stderr).toContain('apt-get install statuskit-no-such-package');
    expect(run.stderr).not.toContain('bash');
  });
});

describe('scripts/ensure-chromium', () => {
  it('prints CHROMIUM_PATH when it names a program', () => {
    const fake = join(scratch, 'my-chromium');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    const run = runUnprivileged('ensure-chromium', [], { CHROMIUM_PATH: fake });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(fake);
  });

  it("finds Debian's chromium (installed on every machine that ran npm test)", () => {
    const run = runUnprivileged('ensure-chromium', []);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\/usr\/bin\/chromium(-browser)?$/);
  });
});

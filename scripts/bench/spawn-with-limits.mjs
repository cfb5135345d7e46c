// Starts a benchmark's server with as many open files as the hard limit allows (each stream is
// one), and keeps it in `children`, so that whatever ends the benchmark stops it too.
import { spawn } from 'node:child_process';

export function spawnWithLimits(command, options, children) {
  const child = spawn(
    'bash',
    ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"', 'bash', ...command],
    options,
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// What the fan-out benchmark reads from /proc about the processes it measures: memory, CPU time,
// time spent waiting for a CPU, open descriptors and child processes. Linux only.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const CLOCK_TICKS = 100;

/**
 * RSS, peak RSS (KiB) and CPU seconds (user + system, 10 ms ticks) of a process; `runSeconds` is
 * its CPU time to the nanosecond, from its threads' schedstat.
 */
export function readProc(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself contain spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return {
    rssKiB: Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]),
    peakKiB: Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1]),
    cpuSeconds: ticks / CLOCK_TICKS,
    ...schedstat(pid),
  };
}

/**
 * `readProc` summed over several processes (the workers of one feed): their memory, CPU time and
 * waits add up; the peak is the sum of each one's peak, an upper bound of the group's.
 */
export function readProcs(pids) {
  const readings = pids.map(readProc);
  const total = (pick) => readings.reduce((sum, reading) => sum + pick(reading), 0);
  return {
    rssKiB: total((reading) => reading.rssKiB),
    peakKiB: total((reading) => reading.peakKiB),
    cpuSeconds: total((reading) => reading.cpuSeconds),
    runSeconds: total((reading) => reading.runSeconds),
    waitSeconds: {
      waited: total((reading) => reading.waitSeconds.waited),
      helpers: total((reading) => reading.waitSeconds.helpers),
    },
  };
}

/**
 * From every thread's /proc/<pid>/task/<tid>/schedstat: the process's CPU time in seconds
 * (`runSeconds`, of the threads alive now), and how long other processes kept the server's event
 * loop from its CPU (`waitSeconds`): the time its main thread was ready to run but waited, less
 * the time its own helper threads (GC, thread pool), pinned to the same CPU, ran meanwhile.
 */
function schedstat(pid) {
  try {
    let waited = 0;
    let helpers = 0;
    let main = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')
        .split(' ')
        .map(Number);
      if (tid === String(pid)) {
        waited = wait / 1e9;
        main = run / 1e9;
      } else helpers += run / 1e9;
    }
    return { runSeconds: main + helpers, waitSeconds: { waited, helpers } };
  } catch {
    return { runSeconds: Number.NaN, waitSeconds: { waited: Number.NaN, helpers: Number.NaN } };
  }
}

/** Busy seconds (everything but idle and iowait) per CPU since boot, from /proc/stat. */
export function readCpus() {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => {
      const [user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
      return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
    });
}

export function countFds(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** The processes `pid` started (a cluster primary's workers), from every thread's children. */
export function childPids(pid) {
  const found = new Set();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      for (const child of text.split(/\s+/)) if (child) found.add(Number(child));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** A process's open-file limit, from /proc/<pid>/limits. */
export function openFileLimit(pid) {
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
  return Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? 1024);
}

/**
 * How many established TCP connections on local `port` each process holds: the machine's IPv4
 * sockets (/proc/net/tcp) matched by inode to each process's descriptors. Exact where a count of
 * descriptors would also count sockets on their way out and the server's own.
 */
export function connectionsOnPort(pids, port) {
  const ESTABLISHED = '01';
  const inodes = new Set();
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== ESTABLISHED) continue;
    if (Number.parseInt(fields[1].split(':')[1], 16) === port) inodes.add(fields[9]);
  }
  return pids.map((pid) => {
    let held = 0;
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match && inodes.has(match[1])) held += 1;
      } catch {
        // Closed meanwhile.
      }
    }
    return held;
  });
}

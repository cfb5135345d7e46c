// Shared by the benchmark parts: each part merges its figures into bench/results.json under a
// key of its own, so parts can run alone or together (scripts/bench/run.mjs) in any order.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const resultsFile = join(root, 'bench/results.json');

/**
 * The packages among `packages` whose TypeScript sources changed after `builtFile` was written
 * (all of them when it is missing): the benchmarks measure the build, so they say when it is old.
 */
export function staleSources(builtFile, packages) {
  if (!existsSync(builtFile)) return [...packages];
  const builtAt = statSync(builtFile).mtimeMs;
  return packages.filter((name) => {
    const dir = join(root, 'packages', name, 'src');
    return readdirSync(dir, { recursive: true }).some(
      (file) => String(file).endsWith('.ts') && statSync(join(dir, String(file))).mtimeMs > builtAt,
    );
  });
}

/** Reads bench/results.json, or `{}` when there is none yet. */
export async function readResults() {
  try {
    return JSON.parse(await readFile(resultsFile, 'utf8'));
  } catch {
    return {};
  }
}

/** Replaces `key` in bench/results.json with `value` (stamped with the time and the machine). */
export async function saveResults(key, value) {
  await mkdir(join(root, 'bench'), { recursive: true });
  const results = await readResults();
  results[key] = { measuredAt: new Date().toISOString(), machine: machineFacts(), ...value };
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${resultsFile} (key "${key}").`);
}

/** What the figures depend on: cores, CPU model, memory, Node, open-file limit. */
export function machineFacts() {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel =
      /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // Not Linux: keep what os.cpus() says.
  }
  let openFiles;
  try {
    openFiles = Number(execFileSync('bash', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim());
  } catch {
    openFiles = undefined;
  }
  return {
    cpus: availableParallelism(),
    cpuModel,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    openFiles,
  };
}

/** Prints rows (the first is the header) as an aligned plain-text table. */
export function formatTable(rows) {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => String(row[column] ?? '').length)),
  );
  return rows
    .map((row, index) => {
      const line = row.map((cell, column) => String(cell ?? '').padEnd(widths[column])).join('  ');
      return index === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** Structured logs: one JSON object per line on stdout, for events worth knowing about. */
export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
  readonly level: LogLevel;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export type Logger = (entry: LogEntry) => void;

export function jsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  return (entry) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };
}

export const silentLogger: Logger = () => undefined;

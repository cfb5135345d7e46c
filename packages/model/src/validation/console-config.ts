/**
 * The `console` group of the feed config: how long an operator's console session lasts, and the
 * access logs the console's maintenance planning reads for each service.
 */
import { string, wholeNumberFrom } from './primitives.js';
import {
  arrayOf,
  definedOnly,
  fieldPath,
  isRecord,
  quote,
  readObject,
  type Reader,
} from './reader.js';
import type { References } from './references.js';

export interface ConsoleSettings {
  /** A session not used for this long ends (sliding). */
  readonly sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however much it is used. */
  readonly sessionMaxHours: number;
  /**
   * Access logs on the feed's machine, per service id, that the console plans maintenance from
   * (the same files `statuskit-feed plan-window` takes). Absent: operators upload logs instead.
   */
  readonly accessLogs: Readonly<Record<string, readonly string[]>>;
}

export const CONSOLE_DEFAULTS: ConsoleSettings = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  accessLogs: {},
};

const absolutePath: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined || (text.startsWith('/') && !text.includes('\0'))) return text;
  issues.push({
    path,
    message: `${quote(text)} must be an absolute path, such as "/var/log/nginx/access.log"`,
  });
  return undefined;
};

function accessLogs(references: References): Reader<Record<string, readonly string[]>> {
  return (value, path, issues) => {
    if (!isRecord(value)) {
      issues.push({ path, message: 'must be an object of service id → list of log files' });
      return undefined;
    }
    const logs: Record<string, readonly string[]> = {};
    let complete = true;
    for (const [service, files] of Object.entries(value)) {
      const at = fieldPath(path, service);
      if (references.services && !references.services.has(service)) {
        issues.push({ path: at, message: `no service ${quote(service)} in "services"` });
        complete = false;
        continue;
      }
      const read = arrayOf(absolutePath)(files, at, issues);
      if (read === undefined || read.length === 0) {
        if (read?.length === 0) issues.push({ path: at, message: 'must list at least one file' });
        complete = false;
      } else logs[service] = read;
    }
    return complete ? logs : undefined;
  };
}

export function consoleSettings(references: References): Reader<ConsoleSettings> {
  return (value, path, issues) =>
    readObject(value, path, issues, (fields) => ({
      ...CONSOLE_DEFAULTS,
      ...definedOnly({
        sessionIdleMinutes: fields.optional(
          'sessionIdleMinutes',
          wholeNumberFrom(1, 1440, 'minutes'),
        ),
        sessionMaxHours: fields.optional('sessionMaxHours', wholeNumberFrom(1, 24, 'hours')),
        accessLogs: fields.optional('accessLogs', accessLogs(references)),
      }),
    }));
}

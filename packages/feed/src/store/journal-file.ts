import type { FileHandle } from 'node:fs/promises';
import { CHANGE_TYPES, type EntityKind } from '@statuskit/model';
import { type ChangeRecord, StoreError } from './change-store.js';

/** One line of a journal file, with where it sits in the file (byte offsets). */
export interface JournalLine {
  /** 1-based, as an editor shows it. */
  readonly number: number;
  readonly text: string;
  readonly start: number;
  /** Just past the line's `\n`, or the end of the file for a torn tail. */
  readonly end: number;
  /**
   * False for a last line without `\n`: every acknowledged append ends in `\n`, so such a line
   * is a write that a crash interrupted, never a stored record.
   */
  readonly complete: boolean;
}

const NEWLINE = 0x0a;
const CHUNK_BYTES = 64 * 1024;

/**
 * Streams the lines of a journal file in fixed-size chunks, so a long archive never has to fit
 * in memory. Lines are split on bytes before decoding, so a character cut by a chunk boundary
 * is decoded whole.
 */
export async function* journalLines(handle: FileHandle): AsyncGenerator<JournalLine> {
  const buffer = Buffer.alloc(CHUNK_BYTES);
  let carried: Buffer[] = [];
  let position = 0;
  let start = 0;
  let number = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    let from = 0;
    for (
      let newline = chunk.indexOf(NEWLINE);
      newline !== -1;
      newline = chunk.indexOf(NEWLINE, from)
    ) {
      const text = Buffer.concat([...carried, chunk.subarray(from, newline)]).toString('utf8');
      const end = position + newline + 1;
      number += 1;
      yield { number, text, start, end, complete: true };
      carried = [];
      start = end;
      from = newline + 1;
    }
    // Copied: `buffer` is reused for the next read.
    if (from < chunk.length) carried.push(Buffer.from(chunk.subarray(from)));
    position += bytesRead;
  }
  if (carried.length > 0) {
    const text = Buffer.concat(carried).toString('utf8');
    yield { number: number + 1, text, start, end: position, complete: false };
  }
}

/** A stored record, or the torn tail that ends a file written by a process that crashed. */
export type JournalEntry =
  | { readonly kind: 'record'; readonly record: ChangeRecord; readonly line: JournalLine }
  | { readonly kind: 'torn'; readonly line: JournalLine };

/**
 * The records of one journal file, each checked to be a record and to follow the one before it.
 * Throws a `StoreError` naming the file and line at the first that is not.
 */
export async function* journalEntries(
  handle: FileHandle,
  file: string,
): AsyncGenerator<JournalEntry> {
  let previous: number | undefined;
  for await (const line of journalLines(handle)) {
    if (!line.complete) {
      yield { kind: 'torn', line };
      return;
    }
    const record = parseRecord(line, file);
    if (previous !== undefined && record.revision !== previous + 1) {
      throw lineError(file, line, `revision ${record.revision} follows ${previous}`);
    }
    previous = record.revision;
    yield { kind: 'record', record, line };
  }
}

export function lineError(file: string, line: JournalLine, problem: string): StoreError {
  return new StoreError(
    `${file} line ${line.number}: ${problem}; the journal is damaged and nothing is skipped ` +
      'silently: restore the file from a backup',
  );
}

function parseRecord(line: JournalLine, file: string): ChangeRecord {
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw lineError(file, line, `not valid JSON (${reason})`);
  }
  const problem = recordProblem(value);
  if (problem !== undefined) throw lineError(file, line, problem);
  return value as ChangeRecord;
}

/** One line per record, each ending in `\n`: the line is the unit a reader can trust. */
export function serializeRecords(records: readonly ChangeRecord[]): Buffer {
  return Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''), 'utf8');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const SESSION_ID = /^s_[0-9a-f]{8,64}$/;
const TOKEN_PREFIX = /^[0-9a-f]{12}$/;

const ENTITY_KINDS: readonly EntityKind[] = ['service', 'incident', 'maintenance'];

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why `value` is not a record that can be replayed, or `undefined` when it is. Checked on the
 * way in as well as on the way out, so the feed never writes a line it would refuse at start-up.
 * Entities are checked only as far as replay needs (an object with an id): their content was
 * validated when the change was accepted.
 */
export function recordProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  const { revision, time, actor, services, change, previousHash, session, token } = value;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1) {
    return 'revision is not a positive integer';
  }
  if (typeof time !== 'string') return 'time is not a string';
  if (typeof actor !== 'string') return 'actor is not a string';
  if (!Array.isArray(services) || !services.every((id) => typeof id === 'string')) {
    return 'services is not a list of service ids';
  }
  if (session !== undefined && (typeof session !== 'string' || !SESSION_ID.test(session))) {
    return 'session is not a console session id (s_ and hex)';
  }
  if (token !== undefined && (typeof token !== 'string' || !TOKEN_PREFIX.test(token))) {
    return 'token is not the start of a token hash (12 hex digits)';
  }
  if (
    previousHash !== undefined &&
    (typeof previousHash !== 'string' || !SHA256_HEX.test(previousHash))
  ) {
    return 'previousHash is not a SHA-256 in hex';
  }
  return changeProblem(change);
}

function changeProblem(change: unknown): string | undefined {
  if (!isObject(change)) return 'change is not an object';
  const { type } = change;
  if (!CHANGE_TYPES.some((known) => known === type)) {
    return `change type ${JSON.stringify(type)} is not one of ${CHANGE_TYPES.join(', ')}`;
  }
  if (type === 'removed') {
    const { kind, id } = change;
    if (!ENTITY_KINDS.some((known) => known === kind)) {
      return `removed kind ${JSON.stringify(kind)} is not one of ${ENTITY_KINDS.join(', ')}`;
    }
    return typeof id === 'string' ? undefined : 'removed id is not a string';
  }
  const entity = change[String(type)];
  return isObject(entity) && typeof entity.id === 'string'
    ? undefined
    : `change.${String(type)} is not an object with a string id`;
}

import { toValidation, type Validation, type ValidationIssue } from './result.js';

/** Where readers record what is wrong; shared by everything that reads one input. */
export type Issues = ValidationIssue[];

/**
 * Reads one value found at `path`. Returns the checked, freshly built value, or `undefined` after
 * recording at least one issue. A reader may also record issues and still return a value (an
 * unknown field does not stop the rest from being read), so callers decide by the issue list.
 */
export type Reader<T> = (value: unknown, path: string, issues: Issues) => T | undefined;

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `services` + `id` → `services.id`; keys that are not identifiers get brackets: `title["en-GB"]`. */
export function fieldPath(path: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Input quoted for a message: escaped, and cut short so a huge value cannot flood the reply. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

export function itemPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** The fields of one object, read by name; see `readObject`. */
export interface Fields {
  readonly path: string;
  /** Whether the field is there at all, valid or not (so a rule does not repeat a type error). */
  has(key: string): boolean;
  required<T>(key: string, read: Reader<T>): T | undefined;
  optional<T>(key: string, read: Reader<T>): T | undefined;
}

/**
 * Reads an object field by field. Every key that `build` did not ask for is reported as an
 * unknown field, so the list of known fields is exactly the code that reads them. A field whose
 * value is `undefined` counts as absent (JavaScript callers spread optional values).
 */
export function readObject<T>(
  value: unknown,
  path: string,
  issues: Issues,
  build: (fields: Fields) => T | undefined,
): T | undefined {
  if (!isRecord(value)) {
    issues.push({ path, message: 'must be an object' });
    return undefined;
  }
  const asked = new Set<string>();
  const get = (key: string): unknown => {
    asked.add(key);
    return Object.hasOwn(value, key) ? value[key] : undefined;
  };
  const fields: Fields = {
    path,
    has: (key) => Object.hasOwn(value, key) && value[key] !== undefined,
    required(key, read) {
      const field = get(key);
      if (field !== undefined) return read(field, fieldPath(path, key), issues);
      issues.push({ path: fieldPath(path, key), message: 'is required' });
      return undefined;
    },
    optional(key, read) {
      const field = get(key);
      return field === undefined ? undefined : read(field, fieldPath(path, key), issues);
    },
  };
  const result = build(fields);
  for (const key of Object.keys(value)) {
    if (!asked.has(key))
      issues.push({ path: fieldPath(path, key), message: `unknown field ${quote(key)}` });
  }
  return result;
}

type Present<T> = { [K in keyof T]: Exclude<T[K], undefined> };
type Optional<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** The fields as given, or `undefined` when any of them failed to read (its issue is recorded). */
export function allPresent<T extends object>(fields: T): Present<T> | undefined {
  return Object.values(fields).every((field) => field !== undefined)
    ? (fields as Present<T>)
    : undefined;
}

/** Only the fields that have a value, so an absent optional field stays absent in the result. */
export function definedOnly<T extends object>(fields: T): Optional<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, field]) => field !== undefined),
  ) as Optional<T>;
}

/** An array whose every item is read (all issues are collected, not only the first). */
export function arrayOf<T>(item: Reader<T>): Reader<T[]> {
  return (value, path, issues) => {
    if (!Array.isArray(value)) {
      issues.push({ path, message: 'must be an array' });
      return undefined;
    }
    const elements: readonly unknown[] = value;
    const items: T[] = [];
    let complete = true;
    // An index loop, not forEach: forEach skips holes in sparse arrays, which must be reported.
    for (let index = 0; index < elements.length; index++) {
      const read = item(elements[index], itemPath(path, index), issues);
      if (read === undefined) complete = false;
      else items.push(read);
    }
    return complete ? items : undefined;
  };
}

/** Reads a whole input object, such as an admin write, into a result. */
export function readInput<T>(
  input: unknown,
  build: (fields: Fields, issues: Issues) => T | undefined,
): Validation<T> {
  const issues: Issues = [];
  const value = readObject(input, '', issues, (fields) => build(fields, issues));
  return toValidation(value, issues);
}

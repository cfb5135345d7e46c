import { expect } from 'vitest';
import type { Validation, ValidationIssue } from '../src/validation/index.js';
import type { Reader } from '../src/validation/reader.js';
import type { StatusDocument } from '../src/types.js';

/** A small national catalogue: eID, login on top of it, digital post, and a tax return. */
export function catalogue(): StatusDocument {
  return {
    defaultLocale: 'da',
    timeZone: 'Europe/Copenhagen',
    authorities: [
      {
        id: 'digst',
        name: { da: 'Digitaliseringsstyrelsen', en: 'Agency for Digital Government' },
      },
      { id: 'skat', name: { da: 'Skattestyrelsen' } },
    ],
    services: [
      {
        id: 'eid',
        name: { da: 'MitID', en: 'MitID' },
        owner: 'digst',
        status: 'operational',
        url: 'https://www.mitid.dk',
        sla: {
          availabilityTarget: 99.5,
          supportHours: { da: 'Alle dage 8–22' },
          maxOutageMinutes: 120,
          noticePeriodDays: 5,
        },
        alternatives: [
          {
            kind: 'phone',
            label: { da: 'Ring til MitID-support', en: 'Call MitID support' },
            href: 'tel:+4533989300',
            hours: { da: 'Man–fre 8–20' },
          },
        ],
      },
      {
        id: 'login',
        name: { da: 'Log ind', en: 'Log in' },
        owner: 'digst',
        status: 'operational',
        dependsOn: ['eid'],
      },
      {
        id: 'digital-post',
        name: { da: 'Digital Post' },
        owner: 'digst',
        status: 'degraded',
        statusMessage: { da: 'Post kommer forsinket frem.\nVi arbejder på det.' },
        statusSince: '2026-03-14T08:00:00+01:00',
      },
      {
        id: 'tax-return',
        name: { da: 'Årsopgørelse', 'en-GB': 'Tax return' },
        owner: 'skat',
        status: 'operational',
        timeZone: 'Europe/Copenhagen',
        dependsOn: ['login', { service: 'digital-post', optional: true }],
        alternatives: [
          {
            kind: 'in_person',
            label: { da: 'Mød op i et skattecenter' },
            detail: { da: 'Husk billedlegitimation.' },
            href: 'https://skat.dk/kontakt',
          },
          { kind: 'email', label: { da: 'Skriv til os' }, href: 'mailto:hjaelp@skat.dk' },
        ],
      },
    ],
    incidents: [
      {
        id: 'eid-slow',
        services: ['eid'],
        impact: 'minor',
        title: { da: 'MitID er langsomt' },
        message: { da: 'Det tager længere tid end normalt at logge ind.' },
        state: 'monitoring',
        startedAt: '2026-03-14T09:00:00+01:00',
        updates: [
          {
            time: '2026-03-14T09:00:00+01:00',
            state: 'investigating',
            message: { da: 'Vi undersøger.' },
          },
          { time: '2026-03-14T09:30:00+01:00', state: 'monitoring', message: { da: 'Rettet.' } },
        ],
        keepsWork: true,
      },
      {
        id: 'post-down',
        services: ['digital-post', 'tax-return'],
        impact: 'critical',
        title: { da: 'Digital Post er nede' },
        message: { da: 'Du kan ikke læse din post.' },
        state: 'resolved',
        startedAt: '2026-03-10T10:00:00Z',
        resolvedAt: '2026-03-10T12:00:00Z',
        updates: [],
      },
    ],
    maintenance: [
      {
        id: 'eid-upgrade',
        services: ['eid', 'login'],
        title: { da: 'Opgradering af MitID' },
        message: { da: 'MitID er lukket i natten til lørdag.' },
        scheduledStart: '2026-03-20T22:00:00+01:00',
        scheduledEnd: '2026-03-21T02:00:00+01:00',
        announcedAt: '2026-03-13T12:00:00+01:00',
        state: 'scheduled',
      },
      {
        id: 'tax-patch',
        services: ['tax-return'],
        title: { da: 'Rettelse' },
        message: { da: 'Kort afbrydelse.' },
        scheduledStart: '2026-03-14T12:00:00Z',
        scheduledEnd: '2026-03-14T13:00:00Z',
        announcedAt: '2026-03-12T12:00:00Z',
        actualStart: '2026-03-14T12:05:00Z',
        state: 'in_progress',
      },
      {
        id: 'post-move',
        services: ['digital-post'],
        title: { da: 'Flytning' },
        message: { da: 'Færdig.' },
        scheduledStart: '2026-03-01T22:00:00Z',
        scheduledEnd: '2026-03-02T02:00:00Z',
        announcedAt: '2026-02-20T12:00:00Z',
        actualStart: '2026-03-01T22:00:00Z',
        actualEnd: '2026-03-02T01:00:00Z',
        state: 'completed',
        keepsWork: false,
      },
      {
        id: 'login-drill',
        services: ['login'],
        title: { da: 'Øvelse' },
        message: { da: 'Aflyst.' },
        scheduledStart: '2026-03-05T22:00:00Z',
        scheduledEnd: '2026-03-05T23:00:00Z',
        announcedAt: '2026-02-20T12:00:00Z',
        state: 'cancelled',
      },
    ],
  };
}

/** Marks a field to delete in `edited`. */
export const ABSENT = Symbol('absent');

// Same syntax as the issue paths: `services[1].dependsOn[0]`, `title["en-GB"]`.
const PATH_PART = /\[(\d+)\]|\["([^"]*)"\]|\.?([^.[\]]+)/g;

function parsePath(path: string): (string | number)[] {
  return [...path.matchAll(PATH_PART)].map(([, index, quoted, name]) =>
    index !== undefined ? Number(index) : (quoted ?? name ?? ''),
  );
}

function isContainer(value: unknown): value is Record<string | number, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Sets each path in `target` to its value, in place; `ABSENT` deletes the field. */
export function setPaths(target: unknown, edits: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(edits)) {
    const keys = parsePath(path);
    const last = keys.pop();
    let parent: unknown = target;
    for (const key of keys) parent = isContainer(parent) ? parent[key] : undefined;
    if (!isContainer(parent) || last === undefined) throw new Error(`no parent for ${path}`);
    if (value === ABSENT) Reflect.deleteProperty(parent, last);
    else parent[last] = value;
  }
}

/** A deep copy of `input` (the catalogue by default) with each path set to its value. */
export function edited(edits: Record<string, unknown>, input: unknown = catalogue()): unknown {
  const copy: unknown = structuredClone(input);
  setPaths(copy, edits);
  return copy;
}

/** Matches any message that contains `text`. */
export function containing(text: string): string {
  const matcher: unknown = expect.stringContaining(text);
  return matcher as string;
}

export function errorsOf<T>(result: Validation<T>): readonly ValidationIssue[] {
  if (result.ok) throw new Error('expected the input to be rejected');
  return result.errors;
}

export function valueOf<T>(result: Validation<T>): T {
  if (!result.ok)
    throw new Error(
      `expected the input to be accepted:\n${JSON.stringify(result.errors, null, 2)}`,
    );
  return result.value;
}

/** The issues a single reader records for one value. */
export function issuesOf<T>(reader: Reader<T>, value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const read = reader(value, 'x', issues);
  if (issues.length === 0) expect(read).toBeDefined();
  return issues;
}

/** The messages a reader gives one value, without paths. */
export function messagesOf<T>(reader: Reader<T>, value: unknown): string[] {
  return issuesOf(reader, value).map((issue) => issue.message);
}

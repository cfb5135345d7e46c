import type { NoticePhase } from './notices.js';
import type { Incident, LocalizedText, Maintenance, Service } from './types.js';

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mix(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
}

/** Feeds the UTF-8 bytes of `text` into a running FNV-1a hash. */
function mixText(hash: number, text: string): number {
  for (let index = 0; index < text.length; index += 1) {
    let point = text.charCodeAt(index);
    if (point < 0x80) {
      hash = mix(hash, point);
      continue;
    }
    if (point >= 0xd800 && point < 0xdc00 && index + 1 < text.length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        point = 0x10000 + ((point - 0xd800) << 10) + (low - 0xdc00);
        index += 1;
      }
    }
    // A lone surrogate encodes as three bytes, like any other code point below U+10000.
    if (point < 0x800) {
      hash = mix(hash, 0xc0 | (point >> 6));
      hash = mix(hash, 0x80 | (point & 0x3f));
    } else if (point < 0x10000) {
      hash = mix(hash, 0xe0 | (point >> 12));
      hash = mix(hash, 0x80 | ((point >> 6) & 0x3f));
      hash = mix(hash, 0x80 | (point & 0x3f));
    } else {
      hash = mix(hash, 0xf0 | (point >> 18));
      hash = mix(hash, 0x80 | ((point >> 12) & 0x3f));
      hash = mix(hash, 0x80 | ((point >> 6) & 0x3f));
      hash = mix(hash, 0x80 | (point & 0x3f));
    }
  }
  return hash;
}

function hex(hash: number): string {
  return hash.toString(16).padStart(8, '0');
}

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `text`, as 8 lower-case hex digits
 * (http://www.isthe.com/chongo/tech/comp/fnv/). Written out rather than taken from a crypto
 * module so that browsers and Node give the same answer without one. Not for security.
 */
export function fnv1a32(text: string): string {
  return hex(mixText(FNV_OFFSET_BASIS, text));
}

/*
 * The version hashes a serialization of the visible fields, streamed into the hash rather than
 * built as one string (FNV-1a over parts in order equals FNV-1a over their concatenation).
 * Fields are length-prefixed, so no two different field lists serialize alike (`ab`+`c` ≠
 * `a`+`bc`); `-` marks an absent field, which differs from every present one (`0:` is `''`).
 */
function mixField(hash: number, value: string | number | undefined): number {
  if (value === undefined) return mixText(hash, '-');
  const text = String(value);
  return mixText(mixText(hash, `${text.length}:`), text);
}

/** Tags in code-unit order: independent of the order the JSON happened to list them in. */
function mixLocalized(hash: number, value: LocalizedText | undefined): number {
  if (value === undefined) return mixText(hash, '-');
  const tags = Object.keys(value).sort();
  hash = mixText(hash, `${tags.length}{`);
  for (const tag of tags) hash = mixField(mixField(hash, tag), value[tag]);
  return mixText(hash, '}');
}

/** What a notice is about: the part of `Notice` its version is computed from. */
export type NoticeSubject =
  | { readonly kind: 'incident'; readonly incident: Incident }
  | { readonly kind: 'maintenance'; readonly maintenance: Maintenance }
  | { readonly kind: 'status'; readonly service: Service };

/**
 * A short, deterministic fingerprint of what the user sees in a notice. A dismissal remembered as
 * key + version is voided when the version changes, so the notice comes back when its content
 * does, and only then. Covered: the phase (an upcoming window that starts is news), and
 * - incident: state, impact, title, message, number of updates, resolvedAt;
 * - maintenance: state, scheduled and actual start and end, title, message;
 * - status: the service's own status, its message and statusSince.
 */
export function noticeVersion(subject: NoticeSubject, phase: NoticePhase): string {
  let hash = mixField(mixField(FNV_OFFSET_BASIS, subject.kind), phase);
  switch (subject.kind) {
    case 'incident': {
      const { incident } = subject;
      hash = mixField(hash, incident.state);
      hash = mixField(hash, incident.impact);
      hash = mixLocalized(hash, incident.title);
      hash = mixLocalized(hash, incident.message);
      hash = mixField(hash, incident.updates.length);
      hash = mixField(hash, incident.resolvedAt);
      break;
    }
    case 'maintenance': {
      const { maintenance } = subject;
      hash = mixField(hash, maintenance.state);
      hash = mixField(hash, maintenance.scheduledStart);
      hash = mixField(hash, maintenance.scheduledEnd);
      hash = mixField(hash, maintenance.actualStart);
      hash = mixField(hash, maintenance.actualEnd);
      hash = mixLocalized(hash, maintenance.title);
      hash = mixLocalized(hash, maintenance.message);
      break;
    }
    case 'status': {
      const { service } = subject;
      hash = mixField(hash, service.status);
      hash = mixLocalized(hash, service.statusMessage);
      hash = mixField(hash, service.statusSince);
      break;
    }
  }
  return hex(hash);
}

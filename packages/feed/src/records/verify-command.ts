import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import canonicalize from 'canonicalize';
import {
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  errors,
  type JSONWebKeySet,
} from 'jose';

/**
 * `statuskit-feed verify RECORD [--keys URL|FILE]`: checks a saved record (the JSON answer of
 * `/v1/records/{id}`, or its bare JWS) against the feed's published keys, offline when the keys
 * are a file. Prints one sentence; exit 0 valid, 1 not valid, 2 when it could not check.
 */

const USAGE = 'usage: statuskit-feed verify RECORD [--keys URL|FILE]';

/** The check could not be made (bad call, keys unreadable): exit 2. */
class CannotCheck extends Error {}

interface SavedRecord {
  readonly jws: string;
  /** The `record` beside the JWS in the JSON answer; it must be what was signed. */
  readonly record?: unknown;
}

const COMPACT_JWS = /^[\w-]+\.[\w-]*\.[\w-]+$/;

export async function verifyCommand(args: string[]): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { keys: { type: 'string' } },
    });
    const [file, ...rest] = positionals;
    if (file === undefined || rest.length > 0) throw new CannotCheck(`${USAGE} (one RECORD file)`);
    const saved = parseSaved(await readText(file, 'record'));
    if (typeof saved === 'string') return notValid(`${file} ${saved}`);
    const keysFrom = values.keys ?? feedKeysOf(saved);
    if (keysFrom === undefined)
      throw new CannotCheck(`${file} names no feed: say where its keys are with --keys URL|FILE`);
    const jwks = await readKeys(keysFrom);
    return await check(saved, jwks, keysFrom);
  } catch (error) {
    if (
      error instanceof CannotCheck ||
      (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`statuskit-feed verify: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

async function check(saved: SavedRecord, jwks: JSONWebKeySet, keysFrom: string): Promise<number> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(saved.jws).kid;
  } catch {
    return notValid('the JWS header cannot be read: the record is malformed');
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(saved.jws, createLocalJWKSet(jwks), {
      algorithms: ['EdDSA'],
    }));
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey)
      return notValid(
        `signed by key ${kid ?? '(no kid)'}, which ${keysFrom} does not publish (unknown key)`,
      );
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return notValid(
        `the signature does not match the signed content: it was altered, or signed by another key than ${kid ?? '(no kid)'}`,
      );
    if (error instanceof errors.JOSEError)
      return notValid(`the JWS is malformed or not EdDSA (${error.message})`);
    throw error;
  }
  const signed = new TextDecoder().decode(payload);
  if (saved.record !== undefined && canonicalize(saved.record) !== signed)
    return notValid('the record beside the JWS differs from what was signed: it was altered');
  let facts: Record<string, unknown>;
  try {
    facts = JSON.parse(signed) as Record<string, unknown>;
  } catch {
    return notValid('the signed content is not JSON');
  }
  const revisions = facts['revisions'] as { first?: unknown; last?: unknown } | undefined;
  process.stdout.write(
    `valid: signed by ${kid ?? '(no kid)'} (keys from ${keysFrom}): ${String(facts['kind'])} ${String(facts['id'])}` +
      `${typeof facts['feed'] === 'string' ? ` on ${facts['feed']}` : ''}, ${String(facts['state'])}` +
      `${facts['final'] === false ? ' (provisional)' : ''}, journal revisions ${String(revisions?.first)}–${String(revisions?.last)}, chain hash ${String(facts['chainHash'])}\n`,
  );
  return 0;
}

function notValid(reason: string): number {
  process.stdout.write(`not valid: ${reason}\n`);
  return 1;
}

/** The saved record, or why it is none (a sentence ending that starts with the file name). */
function parseSaved(text: string): SavedRecord | string {
  const trimmed = text.trim();
  if (COMPACT_JWS.test(trimmed)) return { jws: trimmed };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return 'is neither JSON nor a compact JWS: the record is malformed';
  }
  if (typeof value === 'string' && COMPACT_JWS.test(value)) return { jws: value };
  if (typeof value === 'object' && value !== null) {
    const { jws, record } = value as { jws?: unknown; record?: unknown };
    if (typeof jws === 'string' && COMPACT_JWS.test(jws))
      return record === undefined ? { jws } : { jws, record };
  }
  return 'holds no "jws" (a record is the JSON answer of /v1/records/{id} or its JWS): the record is malformed';
}

/** Where the record's own feed publishes its keys, when it names its feed. */
function feedKeysOf(saved: SavedRecord): string | undefined {
  const feed = (saved.record as { feed?: unknown } | undefined)?.feed;
  return typeof feed === 'string' ? `${feed.replace(/\/$/, '')}/v1/keys` : undefined;
}

async function readKeys(from: string): Promise<JSONWebKeySet> {
  let text: string;
  if (/^https?:\/\//.test(from)) {
    try {
      const response = await fetch(from, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new CannotCheck(`${from} answered ${response.status}, not keys`);
      text = await response.text();
    } catch (error) {
      if (error instanceof CannotCheck) throw error;
      throw new CannotCheck(`the keys at ${from} cannot be fetched (${(error as Error).message})`);
    }
  } else {
    text = await readText(from, 'keys');
  }
  try {
    const jwks = JSON.parse(text) as unknown;
    if (Array.isArray((jwks as { keys?: unknown }).keys)) return jwks as JSONWebKeySet;
  } catch {
    // Named below.
  }
  throw new CannotCheck(`${from} is not a JWKS ({ "keys": [...] }, as /v1/keys answers)`);
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CannotCheck(
      `the ${what} file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

import canonicalize from 'canonicalize';
import { CompactSign } from 'jose';
import type { SigningKey } from '../signing/signing-keys.js';
import type { OutageRecord } from './outage-record.js';

/** The record's canonical JSON (RFC 8785): the bytes the JWS signs. */
export function canonicalRecord(record: OutageRecord): string {
  const canonical = canonicalize(record);
  if (canonical === undefined) throw new TypeError('an outage record must be JSON');
  return canonical;
}

/**
 * Compact JWS (RFC 7515) over the canonical JSON, EdDSA with Ed25519, the key's `kid` in the
 * header. Ed25519 signatures are deterministic, so the same record gives the same JWS.
 */
export function signRecord(record: OutageRecord, key: SigningKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(canonicalRecord(record)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'statuskit-outage-record+jws' })
    .sign(key.privateKey);
}

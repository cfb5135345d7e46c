import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ChangeRecord } from './change-store.js';

/**
 * SHA-256 (hex) of the record's canonical JSON (RFC 8785), its `previousHash` included: the value
 * the next record carries as its `previousHash`, and the chain hash a signed record names at its
 * end revision. Canonical, so anyone can recompute it from the JSON whatever its key order.
 */
export function recordHash(record: ChangeRecord): string {
  const canonical = canonicalize(record);
  if (canonical === undefined) throw new TypeError('a change record must be JSON');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const HASH_PREFIX = 'sha256:';

/** The form stored in the config: tokens are never kept in clear text. */
export function hashToken(token: string): string {
  return HASH_PREFIX + createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token: 32 bytes, base64url, safe in an HTTP header. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether `token` matches the stored `sha256:<hex>` hash. Compares digests in constant time, so
 * response timing says nothing about how much of a guess was right.
 */
export function tokenMatches(token: string, storedHash: string): boolean {
  if (!storedHash.startsWith(HASH_PREFIX)) return false;
  const expected = Buffer.from(storedHash.slice(HASH_PREFIX.length), 'hex');
  const actual = createHash('sha256').update(token, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

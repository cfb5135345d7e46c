/**
 * Signatures of the Standard Webhooks specification
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * over `<webhook-id>.<webhook-timestamp>.<body>`, `v1,` is the base64 HMAC-SHA256 with the
 * subscription's secret, `v1a,` the base64 Ed25519 signature with the feed's signing key, which
 * anyone can check with the public key in `/v1/keys`. Several signatures are space-separated.
 */
import { createHmac, sign } from 'node:crypto';
import type { SigningKeys } from '../signing/signing-keys.js';

export function signatureHeader(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
  signingKeys?: SigningKeys,
): string {
  const signed = `${id}.${timestamp}.${body}`;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const hmac = createHmac('sha256', key).update(signed).digest('base64');
  if (!signingKeys) return `v1,${hmac}`;
  const ed25519 = sign(null, Buffer.from(signed), signingKeys.current.privateKey).toString(
    'base64',
  );
  return `v1,${hmac} v1a,${ed25519}`;
}

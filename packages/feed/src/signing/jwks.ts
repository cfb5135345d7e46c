import type { JSONWebKeySet, JWK } from 'jose';
import type { SigningKeys } from './signing-keys.js';

/** `GET /v1/keys`: every published public key, current first, as a JWKS (RFC 7517). */
export function publishedJwks(keys: SigningKeys): JSONWebKeySet {
  return {
    keys: keys.published.map(({ kid, publicKey }) => {
      const { x = '' } = publicKey.export({ format: 'jwk' }) as JWK;
      return { kty: 'OKP', crv: 'Ed25519', x, kid, use: 'sig', alg: 'EdDSA' };
    }),
  };
}

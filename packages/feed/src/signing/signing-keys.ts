import type { KeyObject } from 'node:crypto';

/** One Ed25519 key of the feed; its `kid` names it in JWS headers and in the JWKS. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/**
 * The feed's signing keys: outage records and webhook deliveries (`v1a,`) are signed with
 * `current`; every key in `published` stays in `/v1/keys`, so what older keys signed still
 * verifies after a rotation.
 */
export interface SigningKeys {
  readonly current: SigningKey;
  /** Current first. */
  readonly published: readonly { readonly kid: string; readonly publicKey: KeyObject }[];
}

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { SigningKey, SigningKeys } from './signing-keys.js';

/**
 * Key files: one Ed25519 key as a JWK (`{ "kty": "OKP", "crv": "Ed25519", "x", "d", "kid" }`),
 * written by `statuskit-feed keygen`. The first file given signs; the others are retired keys,
 * only published (they may hold the public part alone), so what they signed still verifies.
 */

/** A key file that cannot be used; the message is one sentence for the operator. */
export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

interface KeyFileJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly d?: string;
  readonly kid: string;
}

/** A new Ed25519 key as the JWK a key file holds; its `kid` is the RFC 7638 thumbprint. */
export async function newKeyJwk(): Promise<KeyFileJwk & { readonly d: string }> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { x?: string; d?: string };
  if (jwk.x === undefined || jwk.d === undefined) throw new Error('Ed25519 key without x or d');
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x });
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid };
}

/**
 * Writes a new key to `path` with mode 0600, never over an existing file (`wx`): overwriting a
 * key would make every record it signed unverifiable once its public part is gone.
 */
export async function writeNewKeyFile(path: string): Promise<string> {
  const jwk = await newKeyJwk();
  let file;
  try {
    file = await open(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new SigningKeyError(`${path} already exists; keygen never overwrites a key`);
    throw new SigningKeyError(`cannot write ${path}: ${code ?? String(error)}`);
  }
  try {
    await file.writeFile(`${JSON.stringify(jwk, null, 2)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  return jwk.kid;
}

/**
 * The feed's keys from key files: the first must hold a private key (it signs), the rest are
 * published only. Throws `SigningKeyError` naming the file and what is wrong with it.
 */
export async function loadSigningKeys(paths: readonly string[]): Promise<SigningKeys> {
  const [first, ...retired] = paths;
  if (first === undefined) throw new SigningKeyError('no signing key file was named');
  const current = await readKeyFile(first, true);
  if (current.privateKey === undefined)
    throw new SigningKeyError(`${first} holds no private key ("d"), so it cannot sign`);
  const published = [{ kid: current.kid, publicKey: current.publicKey }];
  for (const path of retired) {
    const key = await readKeyFile(path, false);
    if (published.some((other) => other.kid === key.kid))
      throw new SigningKeyError(`${path} holds key ${key.kid}, which another key file holds too`);
    published.push({ kid: key.kid, publicKey: key.publicKey });
  }
  const signing: SigningKey = {
    kid: current.kid,
    privateKey: current.privateKey,
    publicKey: current.publicKey,
  };
  return { current: signing, published };
}

async function readKeyFile(
  path: string,
  mustSign: boolean,
): Promise<{ kid: string; publicKey: KeyObject; privateKey?: KeyObject }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'cannot be read (permission denied)'
          : `cannot be read (${code ?? String(error)})`;
    throw new SigningKeyError(
      `signing key file ${path} ${why}; make one with "statuskit-feed keygen --out ${path}"`,
    );
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new SigningKeyError(`signing key file ${path} is not JSON (a JWK from keygen)`);
  }
  if (!isKeyJwk(jwk))
    throw new SigningKeyError(
      `signing key file ${path} is not an Ed25519 JWK with "kty": "OKP", "crv": "Ed25519", "x" and "kid"`,
    );
  try {
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
      format: 'jwk',
    });
    if (jwk.d === undefined || !mustSign) return { kid: jwk.kid, publicKey };
    const privateKey = createPrivateKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d },
      format: 'jwk',
    });
    // A "d" that does not belong to "x" would sign records nobody could verify.
    const derived = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
    if (derived.x !== jwk.x)
      throw new SigningKeyError(`signing key file ${path}: "d" does not belong to "x"`);
    return { kid: jwk.kid, publicKey, privateKey };
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError(`signing key file ${path} holds no valid Ed25519 key`);
  }
}

function isKeyJwk(value: unknown): value is KeyFileJwk {
  if (typeof value !== 'object' || value === null) return false;
  const jwk = value as Record<string, unknown>;
  return (
    jwk['kty'] === 'OKP' &&
    jwk['crv'] === 'Ed25519' &&
    typeof jwk['x'] === 'string' &&
    (jwk['d'] === undefined || typeof jwk['d'] === 'string') &&
    typeof jwk['kid'] === 'string' &&
    /^[\w-]{1,128}$/.test(jwk['kid'])
  );
}

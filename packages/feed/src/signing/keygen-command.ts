import { parseArgs } from 'node:util';
import { writeNewKeyFile } from './key-file.js';

/**
 * `statuskit-feed keygen [--out FILE]`: a new Ed25519 signing key as a JWK, mode 0600, never
 * over an existing file. Prints the new key's kid.
 */
export async function keygenCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string', default: 'signing-key.jwk' } },
  });
  const kid = await writeNewKeyFile(values.out);
  process.stdout.write(
    `wrote signing key ${kid} to ${values.out}; serve it with --signing-key ${values.out}, keep it secret and backed up\n`,
  );
  return 0;
}

import { join } from 'node:path';
import { loadSigningKeys, writeNewKeyFile } from './key-file.js';
import type { SigningKeys } from './signing-keys.js';

/** Where a feed on the file journal keeps the key it made itself when none was named. */
export function dataDirKeyPath(dataDir: string): string {
  return join(dataDir, 'signing-key.jwk');
}

/**
 * The data dir's own key, made on first start, so `npm start` signs records without a
 * `--signing-key`. Only for the file journal: feed processes sharing Redis must share one key,
 * which only the operator can hand them.
 */
export async function dataDirSigningKeys(
  dataDir: string,
): Promise<{ keys: SigningKeys; created: boolean }> {
  const path = dataDirKeyPath(dataDir);
  let created = false;
  try {
    await writeNewKeyFile(path);
    created = true;
  } catch {
    // Already there (the usual case): load it below, which names any real problem.
  }
  return { keys: await loadSigningKeys([path]), created };
}

/** Where `serve --console` finds the built console: the installed `@statuskit/console`'s dist. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { StartupError } from '../server.js';

export function consoleDistDir(): string {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('@statuskit/console/package.json');
  } catch (error) {
    throw new StartupError(
      `--console needs the @statuskit/console package, which cannot be found (${String(error)}); install it beside @statuskit/feed`,
    );
  }
  return join(dirname(packageJson), 'dist');
}

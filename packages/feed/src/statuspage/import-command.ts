/**
 * `statuskit-feed import-statuspage FILE [--lang en]`: the config skeleton on stdout (so it can be
 * redirected into a file), notes and the new admin token on stderr.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { OptionError } from '../planning/command.js';
import { generateToken, hashToken } from '../tokens.js';
import { configFromStatuspage, StatuspageImportError } from './import.js';

export async function importStatuspageCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: 'string', default: 'en' } },
  });
  const [file, ...rest] = positionals;
  if (file === undefined || rest.length > 0)
    throw new OptionError(
      'import-statuspage takes one FILE (a saved summary.json or components.json)',
    );
  if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(values.lang))
    throw new OptionError(`--lang ${values.lang} is not a language tag such as "da" or "en"`);

  const fail = (message: string): number => {
    process.stderr.write(`statuskit-feed: ${message}\n`);
    return 1;
  };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      code === 'ENOENT'
        ? `${file} does not exist`
        : `${file} cannot be read (${code ?? String(error)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const token = generateToken();
  let imported;
  try {
    imported = configFromStatuspage(json, hashToken(token), values.lang);
  } catch (error) {
    if (error instanceof StatuspageImportError)
      return fail(`${file} cannot be imported:\n${error.message}`);
    throw error;
  }
  const { config, groups } = imported;
  const authority = config.authorities[0]?.id ?? '';
  process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
  const notes = [
    `imported ${config.services.length} services from ${file} (authority "${authority}")`,
    // Our model has no groups: the operator decides (dependsOn, or one service per group).
    ...groups.map(
      (group) => `group "${group.name}": ${group.services.join(', ') || '(no members)'}`,
    ),
    `admin token of "${authority}" (the config holds only its hash; keep it secret): ${token}`,
  ];
  process.stderr.write(notes.map((note) => `statuskit-feed: ${note}\n`).join(''));
  return 0;
}

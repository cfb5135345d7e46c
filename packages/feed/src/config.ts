import { readFile } from 'node:fs/promises';
import { formatIssues, validateFeedConfig, type FeedConfig } from '@statuskit/model';

/** The config file cannot be used; the message lists every problem with its JSON path. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export async function loadConfig(path: string): Promise<FeedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? `config file ${path} does not exist`
        : `config file ${path} cannot be read (${code ?? String(error)})`,
    );
  }
  return parseConfig(text, path);
}

export function parseConfig(text: string, path: string): FeedConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const result = validateFeedConfig(json);
  if (!result.ok) {
    throw new ConfigError(
      `config file ${path} has ${result.errors.length} problem(s):\n${formatIssues(result.errors)}`,
    );
  }
  return result.value;
}

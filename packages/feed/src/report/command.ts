import { parseArgs } from 'node:util';
import { OptionError, parseNow, requireFiles } from '../planning/command.js';
import { formatMarkdown } from './markdown.js';
import { buildReport } from './report.js';

/** `statuskit-feed report`: see the feed README. */
export async function reportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      service: { type: 'string' },
      format: { type: 'string', default: 'md' },
      config: { type: 'string' },
      log: { type: 'string', multiple: true },
      'json-field': { type: 'string' },
      'time-zone': { type: 'string' },
      lang: { type: 'string', default: 'en' },
      now: { type: 'string' },
      feed: { type: 'string' },
    },
  });
  if (values.data === undefined) throw new OptionError('report needs --data DIR');
  if (values.from === undefined || values.to === undefined) {
    throw new OptionError('report needs --from and --to, e.g. --from 2026-01-01 --to 2026-03-31');
  }
  if (values.format !== 'md' && values.format !== 'json') {
    throw new OptionError(`--format ${values.format} must be md or json`);
  }
  const logs = values.log ?? [];
  await requireFiles(logs);
  const { report, zone } = await buildReport({
    dataDir: values.data,
    from: values.from,
    to: values.to,
    configPath: values.config,
    service: values.service,
    logs,
    jsonField: values['json-field'],
    timeZone: values['time-zone'],
    now: parseNow(values.now),
    feedUrl: values.feed,
  });
  process.stdout.write(
    values.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : formatMarkdown(report, zone, values.lang),
  );
  return 0;
}

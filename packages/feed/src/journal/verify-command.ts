import { parseArgs } from 'node:util';
import { OptionError } from '../planning/command.js';
import type { ChangeRecord } from '../store/change-store.js';
import { StoreError } from '../store/change-store.js';
import { readAllRecords } from '../store/archive.js';
import { describeVerdict, verifyChain } from './journal-chain.js';
import { redisRecords } from './redis-records.js';

/**
 * `statuskit-feed verify-journal --data DIR | --store redis://…`: exit 0 when the chain is
 * intact, 1 when a link is broken or a record cannot be read, 2 for a wrong call (see the feed
 * README, "Tamper-evident journal").
 */
export async function verifyJournalCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      store: { type: 'string' },
      'store-prefix': { type: 'string' },
    },
  });
  const { data, store } = values;
  if ((data === undefined) === (store === undefined)) {
    throw new OptionError('verify-journal needs either --data DIR or --store redis://…');
  }
  if (data === undefined && store === 'file') {
    throw new OptionError(
      'verify-journal --store takes a redis:// address; give --data DIR for files',
    );
  }
  const records: AsyncIterable<ChangeRecord> =
    data !== undefined ? readAllRecords(data) : redisRecords(store ?? '', values['store-prefix']);
  try {
    const verdict = await verifyChain(records);
    const sentence = describeVerdict(verdict);
    if (verdict.intact) {
      process.stdout.write(`${sentence}\n`);
      return 0;
    }
    process.stderr.write(`statuskit-feed: ${sentence}\n`);
    return 1;
  } catch (error) {
    // A record that cannot be read, or revisions that skip or repeat, break the chain too.
    if (!(error instanceof StoreError)) throw error;
    process.stderr.write(`statuskit-feed: broken journal: ${error.message}\n`);
    return 1;
  }
}

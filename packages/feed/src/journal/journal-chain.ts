import type { ChangeRecord } from '../store/change-store.js';
import { recordHash } from '../store/record-hash.js';

/**
 * What `statuskit-feed verify-journal` concludes about a journal's hash chain (#13, part 4):
 * each record names the `recordHash` of the one before it in `previousHash`.
 */
export type ChainVerdict =
  | {
      readonly intact: true;
      readonly records: number;
      /**
       * The revisions the chain vouches for: from the record the first link names to the last
       * record. Absent when no record carries `previousHash` (all written before the chain began).
       */
      readonly from?: number;
      readonly to?: number;
    }
  | {
      readonly intact: false;
      readonly records: number;
      /** The record whose link does not hold. */
      readonly revision: number;
      /** `recordHash` of the record before it, as stored now. */
      readonly expected: string;
      /** Its `previousHash`; `undefined` when it has none although the chain had begun. */
      readonly found: string | undefined;
    };

/**
 * Walks the records oldest first and stops at the first broken link. The chain begins at the
 * first record that carries `previousHash` (journals written before this release have none);
 * from there on every record must name the hash of the record before it. The last record is
 * vouched for only by whoever holds its hash (a signed outage record names it as chain hash).
 */
export async function verifyChain(records: AsyncIterable<ChangeRecord>): Promise<ChainVerdict> {
  let count = 0;
  let previous: ChangeRecord | undefined;
  let from: number | undefined;
  for await (const record of records) {
    count += 1;
    const found = record.previousHash;
    const chained = from !== undefined || found !== undefined;
    if (chained && previous !== undefined) {
      const expected = recordHash(previous);
      if (found !== expected) {
        return { intact: false, records: count, revision: record.revision, expected, found };
      }
    }
    if (from === undefined && found !== undefined) from = previous?.revision ?? record.revision;
    previous = record;
  }
  if (from === undefined || previous === undefined) return { intact: true, records: count };
  return { intact: true, records: count, from, to: previous.revision };
}

/** One sentence for people: what `verify-journal` prints. */
export function describeVerdict(verdict: ChainVerdict): string {
  const records = `${verdict.records} record${verdict.records === 1 ? '' : 's'}`;
  if (!verdict.intact) {
    const found = verdict.found === undefined ? 'no previousHash' : `previousHash ${verdict.found}`;
    return (
      `broken link at revision ${verdict.revision}: it carries ${found}, but revision ` +
      `${verdict.revision - 1} as stored hashes to ${verdict.expected}; revision ` +
      `${verdict.revision - 1} or ${verdict.revision} was changed, removed or inserted after it was written`
    );
  }
  if (verdict.from === undefined || verdict.to === undefined) {
    return `${records}, none of them chained (written before the journal carried previousHash)`;
  }
  return `${records}, chain intact from revision ${verdict.from} to ${verdict.to}`;
}

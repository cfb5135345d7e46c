import type { ChangeRecord } from './change-store.js';

/**
 * The most recent records, kept in memory so a reconnecting client can be sent what it missed
 * instead of a whole snapshot. A fixed ring: pushing never copies what is already kept.
 */
export class RecordHistory {
  readonly #slots: (ChangeRecord | undefined)[];
  /** Index of the oldest kept record. */
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    this.#slots = new Array<ChangeRecord | undefined>(capacity).fill(undefined);
  }

  push(records: readonly ChangeRecord[]): void {
    const capacity = this.#slots.length;
    if (capacity === 0) return;
    for (const record of records) {
      this.#slots[(this.#head + this.#size) % capacity] = record;
      if (this.#size < capacity) this.#size += 1;
      else this.#head = (this.#head + 1) % capacity;
    }
  }

  /**
   * The kept records with a revision above `revision`, oldest first; `undefined` when the one
   * right after it is no longer (or not yet) kept. Relies on kept revisions being consecutive.
   */
  after(revision: number): ChangeRecord[] | undefined {
    const oldest = this.#at(0);
    if (oldest === undefined || revision < oldest.revision - 1) return undefined;
    const records: ChangeRecord[] = [];
    for (let offset = revision - oldest.revision + 1; offset < this.#size; offset += 1) {
      const record = this.#at(offset);
      if (record !== undefined) records.push(record);
    }
    return records;
  }

  #at(offset: number): ChangeRecord | undefined {
    if (offset >= this.#size) return undefined;
    return this.#slots[(this.#head + offset) % this.#slots.length];
  }
}

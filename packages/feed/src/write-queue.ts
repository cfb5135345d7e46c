/**
 * Runs tasks one at a time, in arrival order. Admin writes validate against the current document
 * and then append; running them one by one means no write validates against a stale document.
 */
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every task queued so far has settled. */
  async drain(): Promise<void> {
    await this.#tail;
  }
}

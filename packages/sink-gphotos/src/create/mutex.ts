/** A promise-chain mutex: `run` calls never overlap. */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every earlier task has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

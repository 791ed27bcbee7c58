import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A commit function whose runs the test finishes by hand, recording what each run saw. */
function manualCommits(seen: () => number) {
  const runs: { saw: number; finish(error?: Error): void }[] = [];
  const commit = () =>
    new Promise<void>((resolve, reject) => {
      runs.push({ saw: seen(), finish: (error) => (error ? reject(error) : resolve()) });
    });
  return { runs, commit };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('runs every request made during a run in one next run, resolving each after its run', async () => {
    let changes = 1;
    const { runs, commit } = manualCommits(() => changes);
    const group = new GroupCommit(commit);
    const settled: string[] = [];
    const first = group.request().then(() => settled.push('first'));
    expect(runs).toHaveLength(1);
    const later = [1, 2, 3].map((lane) => {
      changes += 1;
      return group.request().then(() => settled.push(`lane ${lane}`));
    });
    await tick();
    expect(runs).toHaveLength(1);
    runs[0]!.finish();
    await first;
    await tick();
    expect(settled).toEqual(['first']);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.saw).toBe(4);
    runs[1]!.finish();
    await Promise.all(later);
    expect(settled).toEqual(['first', 'lane 1', 'lane 2', 'lane 3']);
    expect(group.busy).toBe(false);
  });

  it("rejects only the failed run's requests; the next request runs again", async () => {
    const { runs, commit } = manualCommits(() => 0);
    const group = new GroupCommit(commit);
    const failed = group.request();
    const waiting = group.request();
    runs[0]!.finish(new Error('disk full'));
    await expect(failed).rejects.toThrow('disk full');
    await tick();
    expect(runs).toHaveLength(2);
    runs[1]!.finish();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('waits up to the delay so a slice of requests shares one run; a prompt request does not wait', async () => {
    const { runs, commit } = manualCommits(() => 0);
    const group = new GroupCommit(commit);
    const soon = [group.request(60_000), group.request(60_000)];
    await tick();
    expect(runs).toHaveLength(0);
    expect(group.busy).toBe(true);
    const now = group.request();
    expect(runs).toHaveLength(1);
    runs[0]!.finish();
    await Promise.all([...soon, now]);
    expect(group.busy).toBe(false);
  });

  it('starts a delayed run by itself once its delay has passed', async () => {
    const { runs, commit } = manualCommits(() => 0);
    const group = new GroupCommit(commit);
    const soon = group.request(20);
    await tick();
    expect(runs).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(runs).toHaveLength(1);
    runs[0]!.finish();
    await soon;
  });

  it('does not leave an unawaited failed request as an unhandled rejection', async () => {
    const { runs, commit } = manualCommits(() => 0);
    const group = new GroupCommit(commit);
    void group.request();
    runs[0]!.finish(new Error('lost'));
    await tick();
    expect(group.busy).toBe(false);
  });
});

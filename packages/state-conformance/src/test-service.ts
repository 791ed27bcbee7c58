/** What {@link findTestService} needs to know about a database the tests use. */
export interface TestServiceOptions {
  /** Shown in messages, e.g. `PostgreSQL`. */
  label: string;
  /** The environment variable holding the server's URL, e.g. `Q2G_TEST_POSTGRES_URL`. */
  envVar: string;
  /** Resolves when the server at `url` answers; throws when it does not. */
  ping(url: string): Promise<void>;
  /** How to start the server, printed with the skip message. */
  startHint?: string;
}

/**
 * The URL of a database the tests need, when it answers. Otherwise the tests are skipped with a
 * loud message (resolves to undefined), except under CI (`CI=true`), where a missing service is
 * a failure (throws), so a CI run can never pass by skipping its database tests.
 */
export async function findTestService(options: TestServiceOptions): Promise<string | undefined> {
  const url = process.env[options.envVar];
  if (!url) return unavailable(options, `${options.envVar} is not set`);
  try {
    await options.ping(url);
    return url;
  } catch (error) {
    return unavailable(
      options,
      `the server at ${options.envVar} does not answer (${String(error)})`,
    );
  }
}

function unavailable(options: TestServiceOptions, reason: string): undefined {
  const message = [
    '',
    '='.repeat(78),
    `  ${options.label} tests SKIPPED: ${reason}`,
    '  Start the test services and export their env, then run the tests again:',
    `    ${options.startHint ?? 'eval "$(bash scripts/services.sh start)"'}`,
    '='.repeat(78),
    '',
  ].join('\n');
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${message}\n(CI=true: missing database services are a failure, not a skip)`);
  }
  console.warn(message);
  return undefined;
}

/** A settable clock for lease tests: starts at the real time, moves only when told. */
export function createTestClock(): {
  /** The clock's time. */
  now: () => Date;
  /** Moves the clock forward by `ms` milliseconds. */
  advance: (ms: number) => void;
} {
  let at = Date.now();
  return { now: () => new Date(at), advance: (ms) => (at += ms) };
}

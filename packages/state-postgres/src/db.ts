/** The slice of a `pg.Pool` the backend uses, so an injected pool (or a stand-in) fits. */
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';

/** What the backend needs from a pool: checkout for transactions and one-shot queries. */
export interface PgPoolLike {
  /** Checks out one connection (for a transaction); release it after. */
  connect(): Promise<PoolClient>;
  /** Runs one statement on any pooled connection. */
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<QueryResult<R>>;
  /** Closes every connection of the pool (injected pools are left to their owner). */
  end?(): Promise<void>;
}

/** Runs `body` in one transaction on one pooled connection; rolls back if it throws. */
export async function inTransaction<T>(
  pool: PgPoolLike,
  body: (client: PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A server restart can kill the connection between two queries; with no listener the
  // client's 'error' event would crash the process. The failing query reports it instead.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query(begin);
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true;
    }
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}

/** Splits `list` into chunks of at most `size`. */
export function chunked<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

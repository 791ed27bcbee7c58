import type { SyncStateBackend } from '@q2google/core';
import { createMemoryBackend } from '@q2google/core/testing';

/** The PostgreSQL schema every benchmark table lives in (dropped before and after a run). */
export const BENCH_SCHEMA = 'q2g_bench';
/** The MongoDB database every benchmark collection lives in (dropped before and after a run). */
export const BENCH_DATABASE = 'q2google_bench';

/** Which state backend a job opens (JSON-safe). */
export type BackendSpec =
  | { kind: 'memory' }
  | { kind: 'json'; directory: string }
  | { kind: 'postgres'; url: string; namespace: string }
  | { kind: 'mongo'; url: string; namespace: string };

/** Opens the backend a spec names; drivers are loaded only when used. */
export async function openBackend(spec: BackendSpec): Promise<SyncStateBackend> {
  switch (spec.kind) {
    case 'memory':
      return createMemoryBackend();
    case 'json': {
      const { createJsonBackend } = await import('@q2google/state-json');
      return createJsonBackend({ directory: spec.directory });
    }
    case 'postgres': {
      const { createPostgresBackend } = await import('@q2google/state-postgres');
      return createPostgresBackend({
        connectionString: spec.url,
        schema: BENCH_SCHEMA,
        namespace: spec.namespace,
      });
    }
    case 'mongo': {
      const { createMongoBackend } = await import('@q2google/state-mongo');
      return createMongoBackend({
        url: withSocketTimeout(spec.url),
        database: BENCH_DATABASE,
        namespace: spec.namespace,
      });
    }
  }
}

/** Drops the benchmark schema and database, so runs start empty and leave nothing behind. */
export async function dropBenchData(urls: { postgresUrl: string; mongoUrl: string }) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: urls.postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${BENCH_SCHEMA} CASCADE`);
  } finally {
    await client.end();
  }
  const { MongoClient } = await import('mongodb');
  const mongo = new MongoClient(withSocketTimeout(urls.mongoUrl), {
    serverSelectionTimeoutMS: 10_000,
  });
  try {
    await mongo.db(BENCH_DATABASE).dropDatabase();
  } finally {
    await mongo.close();
  }
}

/** A MongoDB URL whose calls fail after two minutes of silence instead of hanging for ever. */
function withSocketTimeout(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('socketTimeoutMS'))
    parsed.searchParams.set('socketTimeoutMS', '120000');
  return parsed.toString();
}

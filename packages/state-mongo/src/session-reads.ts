/**
 * Reading sessions: one query per collection, JSON parsed per document, the whole assembled
 * document validated once with core's `parseSessionDocument`. Listing counts units per status
 * with one `$group` aggregation.
 */
import {
  newestFirst,
  parseSessionDocument,
  Q2gError,
  type SessionState,
  type SessionSummary,
  summarizeStoredSession,
} from '@q2google/core';
import type { Collection } from 'mongodb';
import type { Collections } from './collections.js';
import { type PartDoc, SessionDocSchema } from './documents.js';

function parseJson(text: unknown, where: string): unknown {
  if (typeof text !== 'string') {
    throw new Q2gError('STATE_CORRUPT', `The stored ${where} has no JSON document.`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Q2gError('STATE_CORRUPT', `The stored ${where} is not valid JSON.`, { cause });
  }
}

async function readParts(
  collection: Collection<PartDoc>,
  sessionId: string,
  what: string,
): Promise<Record<string, unknown>> {
  const entries: [string, unknown][] = [];
  const cursor = collection.find({ sessionId }, { projection: { _id: 0, key: 1, json: 1 } });
  for await (const doc of cursor) {
    entries.push([String(doc.key), parseJson(doc.json, `${what} "${doc.key}" of "${sessionId}"`)]);
  }
  return Object.fromEntries(entries);
}

function metaFrom(raw: unknown, sessionId: string): Record<string, unknown> {
  const doc = SessionDocSchema.safeParse(raw);
  if (!doc.success) {
    throw new Q2gError(
      'STATE_FOREIGN',
      `The MongoDB document of session "${sessionId}" is not a q2google session.`,
    );
  }
  const meta = parseJson(doc.data.json, `session "${sessionId}"`);
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw new Q2gError('STATE_FOREIGN', `The stored session "${sessionId}" is not a JSON object.`);
  }
  return meta as Record<string, unknown>;
}

/** The stored session `sessionId`, validated, or null when there is none. */
export async function readSession(c: Collections, sessionId: string): Promise<SessionState | null> {
  const raw = await c.sessions.findOne({ _id: sessionId });
  if (!raw) return null;
  const meta = metaFrom(raw, sessionId);
  const [items, batches] = await Promise.all([
    readParts(c.items, sessionId, 'unit'),
    readParts(c.batches, sessionId, 'batch'),
  ]);
  return parseSessionDocument(
    { ...meta, items, batches },
    { source: `MongoDB session "${sessionId}"` },
  );
}

/**
 * Every stored session, newest first, with unit counts per status. A session whose stored meta
 * is damaged, foreign or too new is left out here (loading it reports why).
 */
export async function listStoredSessions(c: Collections): Promise<SessionSummary[]> {
  const [sessions, groups] = await Promise.all([
    c.sessions.find({}).toArray(),
    c.items
      .aggregate<{ _id: { s: string; st: string }; n: number }>([
        { $group: { _id: { s: '$sessionId', st: '$status' }, n: { $sum: 1 } } },
      ])
      .toArray(),
  ]);
  const counts = new Map<string, Record<string, number>>();
  for (const { _id, n } of groups) {
    const row = counts.get(_id.s) ?? {};
    row[_id.st] = n;
    counts.set(_id.s, row);
  }
  return newestFirst(
    sessions
      .map((raw) =>
        summarizeStoredSession(
          () => metaFrom(raw, String(raw._id)),
          counts.get(String(raw._id)) ?? {},
        ),
      )
      .filter((row) => row !== undefined),
  );
}

import type { z } from 'zod';
import { Q2gError } from '../errors/q2g-error.js';
import type { ItemState } from './item-state.js';
import type { MediaUnit } from './media-unit.js';
import {
  CURRENT_SCHEMA_VERSION,
  type DateRange,
  type SessionOptions,
  type SessionState,
  SessionStateSchema,
} from './session-state.js';

/** Upgrades a stored document from version N to N + 1. */
export type SessionMigration = (document: Record<string, unknown>) => Record<string, unknown>;

/** Migrations keyed by the version they upgrade from. Empty while only version 1 exists. */
export const SESSION_MIGRATIONS: Readonly<Record<number, SessionMigration>> = {};

/** Options for {@link parseSessionDocument}. */
export interface ParseSessionOptions {
  /** Migrations to apply instead of the built-in ones (for tests and future versions). */
  migrations?: Readonly<Record<number, SessionMigration>>;
  /** Where the document came from, for error messages (a path or a key; never a secret). */
  source?: string;
}

/** Turns a session into the plain JSON value every backend stores. */
export function sessionToJSON(state: SessionState): SessionState {
  return structuredClone(state);
}

/**
 * Validates a stored session document, migrating older schema versions first.
 * Throws `STATE_FOREIGN` for something that is not a q2google session, `STATE_SCHEMA_TOO_NEW`
 * for a document written by a newer q2google, and `STATE_CORRUPT` naming the bad field.
 */
export function parseSessionDocument(
  raw: unknown,
  options: ParseSessionOptions = {},
): SessionState {
  const where = options.source ? ` in ${options.source}` : '';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Q2gError('STATE_FOREIGN', `The stored session${where} is not a JSON object.`);
  }
  let document = raw as Record<string, unknown>;
  const version = document.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new Q2gError(
      'STATE_FOREIGN',
      `The stored data${where} is not a q2google session (no "schemaVersion").`,
      { hint: 'Point the state URI at a q2google state location, or remove the foreign data.' },
    );
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new Q2gError(
      'STATE_SCHEMA_TOO_NEW',
      `The session${where} was written by a newer q2google (schema ${version}; this one reads up to ${CURRENT_SCHEMA_VERSION}).`,
      { hint: 'Upgrade q2google to resume this session.' },
    );
  }
  const migrations = options.migrations ?? SESSION_MIGRATIONS;
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const migrate = migrations[v];
    if (!migrate) {
      throw new Q2gError('STATE_CORRUPT', `No migration from schema ${v}${where}.`);
    }
    document = { ...migrate(document), schemaVersion: v + 1 };
  }
  const parsed = SessionStateSchema.safeParse(document);
  if (!parsed.success) {
    throw new Q2gError(
      'STATE_CORRUPT',
      `The stored session${where} is damaged: ${describeIssue(parsed.error)}.`,
      { hint: 'Restore it from a backup or start a new session id.', cause: parsed.error },
    );
  }
  for (const [key, item] of Object.entries(parsed.data.items)) {
    if (item.key !== key) {
      throw new Q2gError(
        'STATE_CORRUPT',
        `The stored session${where} files unit "${item.key}" under "${key}".`,
      );
    }
  }
  return parsed.data;
}

/** The first validation issue as `path: message`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${path}: ${issue.message}`;
}

/** Input for {@link createSessionState}. */
export interface NewSessionInput {
  id: string;
  range: DateRange;
  options?: Partial<SessionOptions>;
  now?: Date;
}

/** A new empty session, validated. */
export function createSessionState(input: NewSessionInput): SessionState {
  const now = (input.now ?? new Date()).toISOString();
  return SessionStateSchema.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: input.id,
    range: input.range,
    options: {
      album: input.options?.album ?? null,
      mediaTypes: input.options?.mediaTypes ?? [],
      source: input.options?.source ?? {},
    },
    albumId: null,
    discovery: { status: 'pending', cursor: null, unitsFound: 0 },
    createdAt: now,
    updatedAt: now,
    items: {},
    batches: {},
  });
}

/**
 * A freshly discovered unit's state. `now` may be an ISO string, so the units of one page share
 * one instance. Built field by field in one literal (no spread), so every unit has the same
 * compact shape: a session keeps one per unit resident.
 */
export function createItemState(unit: MediaUnit, now: Date | string = new Date()): ItemState {
  const item: ItemState = {
    key: unit.key,
    mediaId: unit.mediaId,
    part: unit.part,
    fileName: unit.fileName,
    mimeType: unit.mimeType,
    kind: unit.kind,
    size: unit.size,
    capturedAt: unit.capturedAt,
    status: unit.skip ? 'skipped' : 'discovered',
    attempts: 0,
    updatedAt: typeof now === 'string' ? now : now.toISOString(),
  };
  if (unit.sourceType !== undefined) item.sourceType = unit.sourceType;
  if (unit.skip) item.skip = unit.skip;
  return item;
}

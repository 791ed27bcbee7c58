import { Q2gError } from '../errors/q2g-error.js';
import { redactUri } from '../util/redact.js';

/** The default state location when no URI is configured, relative to the project folder. */
export const DEFAULT_STATE_PATH = '.q2google/state';

/** A state URI split into the scheme that picks the plugin and the text handed to it. */
export interface StateTarget {
  /** Lower-case scheme without the colon; `file` for paths and for no URI. */
  scheme: string;
  /** What the plugin's `create` receives (the URI, or a path for the file scheme). */
  uri: string;
  /** The URI with passwords and secret parameters masked, for every message. */
  redacted: string;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * Reads a state URI: none → the default JSON folder; a path (absolute, relative, or a Windows
 * drive path) or `file:` → `file`; anything else → its scheme.
 */
export function parseStateTarget(uri: string | undefined): StateTarget {
  const text = uri?.trim() ?? '';
  if (text === '') return { scheme: 'file', uri: DEFAULT_STATE_PATH, redacted: DEFAULT_STATE_PATH };
  if (/[\0\r\n]/.test(text)) {
    throw new Q2gError('BACKEND_INVALID_URI', 'The state URI contains a control character.', {
      hint: 'Set Q2G_STATE_URI or --state to a path or a URI such as postgres://host/db.',
    });
  }
  const match = SCHEME.exec(text);
  const isDrivePath = /^[a-zA-Z]:[\\/]/.test(text);
  if (!match || isDrivePath) return { scheme: 'file', uri: text, redacted: redactUri(text) };
  return { scheme: match[1]!.toLowerCase(), uri: text, redacted: redactUri(text) };
}

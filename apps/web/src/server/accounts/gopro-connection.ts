/**
 * GoPro for the dashboard: e-mail + password login (the OAuth password grant, renewing itself)
 * or a pasted `gp_access_token`, each checked by the source plugin with a real account call
 * before it is kept in the 0600 token file; and the source the settings describe, in the
 * plugin's one login order (a token set in the settings wins, as in the CLI).
 */
import { rm } from 'node:fs/promises';
import { Q2gError } from '@q2google/core';
import {
  createGoProSourceFromSettings,
  type GoProAuth,
  type GoProSource,
  goproLoginOf,
  saveGoProLogin,
} from '@q2google/source-gopro';
import type { AccountsStatus, GoProLoginBody, GoProTokenBody } from '../../shared/api-types.js';
import type { WebConfig } from '../wiring/web-config.js';

const LOGIN_HINT = 'Log in or paste a token on the Accounts page.';

/** The GoPro side of the dashboard's connections. */
export class GoProConnection {
  readonly #config: WebConfig;
  readonly #fetch: typeof fetch;
  readonly #seen = new Set<string>();
  readonly #auths: GoProAuth[] = [];

  constructor(config: WebConfig, fetchImpl: typeof fetch = globalThis.fetch) {
    this.#config = config;
    this.#fetch = fetchImpl;
    this.#remember([config.goproToken, config.goproPassword, config.goproClientSecret]);
  }

  /** Whether a login is saved or configured, how, and the account id. */
  async status(): Promise<AccountsStatus['gopro']> {
    const login = await goproLoginOf(this.#config).catch(() => null);
    if (!login) return { connected: false };
    this.#remember(login.secrets);
    return {
      connected: true,
      method: login.method,
      ...(login.userId ? { label: login.userId } : {}),
    };
  }

  /** Logs in with e-mail and password; saved only once GoPro accepted exactly these. */
  async login(body: GoProLoginBody): Promise<void> {
    this.#remember([body.password]);
    const { secrets } = await saveGoProLogin(
      this.#config,
      {
        kind: 'password',
        email: body.email,
        password: body.password,
        ...(body.twoFactorCode ? { twoFactorCode: body.twoFactorCode } : {}),
      },
      { fetch: this.#fetch },
    );
    this.#remember(secrets);
  }

  /** Checks a pasted token with an account call, then saves it. */
  async pasteToken(body: GoProTokenBody): Promise<void> {
    this.#remember([body.accessToken]);
    const { secrets } = await saveGoProLogin(
      this.#config,
      {
        kind: 'token',
        accessToken: body.accessToken,
        ...(body.userId ? { userId: body.userId } : {}),
      },
      { fetch: this.#fetch },
    );
    this.#remember(secrets);
  }

  /** Checks the saved login against the API. */
  async verify(): Promise<{ ok: true; label: string }> {
    const { accountId } = await (await this.source()).verify();
    return { ok: true, label: accountId };
  }

  /** Forgets the saved login. */
  async signOut(): Promise<void> {
    if (this.#config.goproToken) {
      throw new Q2gError('CONFIG_INVALID', 'The GoPro token comes from the settings.', {
        hint: 'Remove Q2G_GOPRO_TOKEN from the environment or .env and restart q2google-web.',
      });
    }
    await rm(this.#config.goproTokenFile, { force: true });
  }

  /** The source over the configured or saved login; refuses when there is none. */
  async source(): Promise<GoProSource> {
    const source = await createGoProSourceFromSettings(this.#config, {
      fetch: this.#fetch,
      loginHint: LOGIN_HINT,
    });
    this.#auths.push(source.auth);
    return source;
  }

  /** Every GoPro secret this process has handled. */
  secrets(): string[] {
    return [...this.#seen, ...this.#auths.flatMap((auth) => auth.secrets())];
  }

  #remember(values: readonly (string | undefined)[]): void {
    for (const value of values) if (value) this.#seen.add(value);
  }
}

/**
 * GoPro for the dashboard: e-mail + password login (the OAuth password grant, renewing itself)
 * or a pasted `gp_access_token`, each checked with a real account call before it is kept in the
 * 0600 token file; and the source built from what is saved. A token set in the settings
 * (`Q2G_GOPRO_TOKEN`) wins, as in the CLI.
 */
import { rm } from 'node:fs/promises';
import { Q2gError } from '@q2google/core';
import {
  createGoProSource,
  createGoProTokenFile,
  createPasswordAuth,
  createPastedTokenAuth,
  type GoProAuth,
  type GoProSource,
} from '@q2google/source-gopro';
import type { AccountsStatus, GoProLoginBody, GoProTokenBody } from '../../shared/api-types.js';
import type { WebConfig } from '../wiring/web-config.js';

const LOGIN_HINT = 'Log in or paste a token on the Accounts page.';

/** The GoPro side of the dashboard's connections. */
export class GoProConnection {
  readonly #config: WebConfig;
  readonly #seen = new Set<string>();

  constructor(config: WebConfig) {
    this.#config = config;
    if (config.goproToken) this.#seen.add(config.goproToken);
  }

  #store() {
    return createGoProTokenFile(this.#config.goproTokenFile);
  }

  /** Whether a login is saved or configured, how, and the account id. */
  async status(): Promise<AccountsStatus['gopro']> {
    if (this.#config.goproToken) {
      return {
        connected: true,
        method: 'settings',
        ...(this.#config.goproUserId ? { label: this.#config.goproUserId } : {}),
      };
    }
    const saved = await this.#store()
      .load()
      .catch(() => null);
    if (!saved) return { connected: false };
    this.#remember([saved.accessToken, saved.refreshToken]);
    return {
      connected: true,
      method: saved.refreshToken ? 'password' : 'token',
      ...(saved.userId ? { label: saved.userId } : {}),
    };
  }

  /** Logs in with e-mail and password; the tokens are saved once GoPro accepted them. */
  async login(body: GoProLoginBody): Promise<void> {
    const client = this.#client();
    this.#remember([body.password]);
    const auth = createPasswordAuth({
      ...client,
      email: body.email,
      password: body.password,
      ...(body.twoFactorCode ? { twoFactorCode: body.twoFactorCode } : {}),
      store: this.#store(),
      baseUrl: this.#config.goproApiUrl,
    });
    await this.#check(auth);
  }

  /** Checks a pasted token with an account call, then saves it. */
  async pasteToken(body: GoProTokenBody): Promise<void> {
    this.#remember([body.accessToken]);
    const auth = createPastedTokenAuth({
      accessToken: body.accessToken,
      ...(body.userId ? { userId: body.userId } : {}),
    });
    const { accountId } = await this.#check(auth);
    await this.#store().save({
      version: 1,
      accessToken: (await auth.current()).accessToken,
      userId: body.userId || accountId,
      issuedAt: new Date().toISOString(),
    });
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
    return createGoProSource({ auth: await this.#auth(), baseUrl: this.#config.goproApiUrl });
  }

  /** Every GoPro secret this process has handled. */
  secrets(): string[] {
    return [this.#config.goproClientSecret, this.#config.goproPassword, ...this.#seen].filter(
      (s): s is string => !!s,
    );
  }

  async #auth(): Promise<GoProAuth> {
    const { goproToken, goproUserId } = this.#config;
    if (goproToken) {
      return createPastedTokenAuth({
        accessToken: goproToken,
        ...(goproUserId ? { userId: goproUserId } : {}),
      });
    }
    const store = this.#store();
    const saved = await store.load();
    if (!saved) {
      throw new Q2gError('GOPRO_AUTH_FAILED', 'No GoPro account is connected.', {
        hint: LOGIN_HINT,
      });
    }
    this.#remember([saved.accessToken, saved.refreshToken]);
    const client = this.#clientOrNull();
    if (saved.refreshToken && client) {
      return createPasswordAuth({ ...client, store, baseUrl: this.#config.goproApiUrl });
    }
    return createPastedTokenAuth({
      accessToken: saved.accessToken,
      ...(saved.userId ? { userId: saved.userId } : {}),
    });
  }

  async #check(auth: GoProAuth): Promise<{ accountId: string }> {
    const source = createGoProSource({ auth, baseUrl: this.#config.goproApiUrl });
    try {
      return await source.verify();
    } finally {
      this.#remember(auth.secrets());
    }
  }

  #clientOrNull() {
    const { goproClientId, goproClientSecret } = this.#config;
    return goproClientId && goproClientSecret
      ? { clientId: goproClientId, clientSecret: goproClientSecret }
      : null;
  }

  #client() {
    const client = this.#clientOrNull();
    if (!client) {
      throw new Q2gError(
        'CONFIG_INVALID',
        'E-mail + password login needs the GoPro OAuth client.',
        {
          hint: 'Set Q2G_GOPRO_CLIENT_ID and Q2G_GOPRO_CLIENT_SECRET, or paste a gp_access_token instead.',
        },
      );
    }
    return client;
  }

  #remember(values: readonly (string | undefined)[]): void {
    for (const value of values) if (value) this.#seen.add(value);
  }
}

import { describe, expect, test, vi } from 'vitest';
import { main } from '../../main.js';
import { run, testContext } from '../../testing/test-context.js';
import { COMMANDS } from '../index.js';
import { createWebCommand, loadWebPackage, type WebPackage } from './web-command.js';

/** A fake `@q2google/web` that records how it was started. */
function fakeWeb() {
  const close = vi.fn(async () => {});
  const web: WebPackage = {
    parseAllowHosts: (values) => (values ?? []).flatMap((v) => v.split(',')),
    startWebServer: vi.fn(async (options) => {
      options.print?.('Open this link once: http://127.0.0.1:4321/auth?token=t');
      return { url: 'http://127.0.0.1:4321/auth?token=t', origin: 'http://127.0.0.1:4321', close };
    }),
  };
  return { web, close };
}

/** Runs `q2google web …` with the fake package, pressing Ctrl-C once the server is up. */
async function runWeb(line: string, web: WebPackage, env: Record<string, string> = {}) {
  const ctx = testContext({ env });
  const commands = COMMANDS.map((c) => (c.name === 'web' ? createWebCommand(async () => web) : c));
  const done = main(line.split(' '), ctx, commands);
  await vi.waitFor(() => expect(web.startWebServer).toHaveBeenCalled());
  await new Promise((resolve) => setTimeout(resolve, 0));
  ctx.interrupt();
  return { code: await done, ctx };
}

describe('q2google web', () => {
  test('starts the dashboard with the flags, prints the link, and stops on Ctrl-C', async () => {
    const { web, close } = fakeWeb();
    const { code, ctx } = await runWeb(
      'web --port 0 --host 0.0.0.0 --allow-host nas.local,nas --demo --state /tmp/q2g-web-state',
      web,
    );
    expect(code).toBe(0);
    expect(web.startWebServer).toHaveBeenCalledWith(
      expect.objectContaining({
        host: '0.0.0.0',
        port: 0,
        allowHosts: ['nas.local', 'nas'],
        demo: true,
        config: expect.objectContaining({
          flags: expect.objectContaining({ stateUri: '/tmp/q2g-web-state' }),
        }),
      }),
    );
    expect(ctx.out()).toContain('http://127.0.0.1:4321/auth?token=t');
    expect(close).toHaveBeenCalledOnce();
  });

  test('defaults: 127.0.0.1:8787, no demo', async () => {
    const { web } = fakeWeb();
    await runWeb('web', web);
    expect(web.startWebServer).toHaveBeenCalledWith(
      expect.objectContaining({ host: '127.0.0.1', port: 8787, allowHosts: [], demo: false }),
    );
  });

  test('a bad --port is a usage error before anything starts', async () => {
    const ctx = testContext();
    expect(await run(ctx, 'web --port 70000')).toBe(2);
    expect(ctx.err()).toContain('--port must be a port number');
  });

  test('without @q2google/web installed the error says how to install it', async () => {
    const notFound = Object.assign(new Error("Cannot find package '@q2google/web'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await expect(loadWebPackage(() => Promise.reject(notFound))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      hint: expect.stringContaining('npm install -g @q2google/web'),
    });
    const broken = new Error('syntax error in the package');
    await expect(loadWebPackage(() => Promise.reject(broken))).rejects.toBe(broken);
  });

  test('the real loader finds the dashboard package', async () => {
    const web = await loadWebPackage();
    expect(typeof web.startWebServer).toBe('function');
  });
});

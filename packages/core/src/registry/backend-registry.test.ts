import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQ2gError, type Q2gError } from '../errors/q2g-error.js';
import type { SyncStateBackend } from '../protocol/state-backend.js';
import { createBackendRegistry } from './backend-registry.js';
import type { ModuleImporter } from './load-plugin-module.js';
import { STATE_PLUGIN_API_VERSION, type StateBackendPlugin } from './state-plugin.js';

const stubBackend = (name: string): SyncStateBackend => ({
  name,
  load: async () => null,
  save: async () => {},
});

const pluginFor = (name: string, schemes: string[], opened: string[] = []): StateBackendPlugin => ({
  name,
  apiVersion: STATE_PLUGIN_API_VERSION,
  schemes,
  create: (uri) => {
    opened.push(uri);
    return stubBackend(name);
  },
});

/** An importer that serves modules from a map and reports the rest as missing. */
const importerOf =
  (modules: Record<string, unknown>): ModuleImporter =>
  async (name) => {
    if (name in modules) return modules[name];
    const error = Object.assign(new Error(`missing ${name}`), {
      name: 'Q2gError',
      code: 'BACKEND_PACKAGE_MISSING',
    });
    throw error;
  };

async function rejection(promise: Promise<unknown>): Promise<Q2gError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isQ2gError(error)) throw new Error(`expected a Q2gError, got ${String(error)}`);
  return error;
}

describe('the backend registry', () => {
  it('opens the JSON backend when no URI is given', async () => {
    const opened: string[] = [];
    const registry = createBackendRegistry({
      importModule: importerOf({
        '@q2google/state-json': { default: pluginFor('@q2google/state-json', ['file'], opened) },
      }),
    });
    const backend = await registry.open(undefined);
    expect(backend.name).toBe('@q2google/state-json');
    expect(opened).toEqual(['.q2google/state']);
  });

  it('passes a ready-made backend instance straight through', async () => {
    const instance = stubBackend('mine');
    expect(await createBackendRegistry().open(instance)).toBe(instance);
  });

  it('routes paths and file: URIs to the file scheme and others by scheme', async () => {
    const registry2 = createBackendRegistry({
      register: [pluginFor('files', ['file']), pluginFor('pg', ['postgres', 'postgresql'])],
    });
    expect((await registry2.resolve('./state')).plugin.name).toBe('files');
    expect((await registry2.resolve('C:\\Users\\me\\state')).plugin.name).toBe('files');
    expect((await registry2.resolve('file:///tmp/state')).plugin.name).toBe('files');
    expect((await registry2.resolve('PostgreSQL://h/db')).plugin.name).toBe('pg');
  });

  it('prefers plugins registered in code over the built-in map', async () => {
    const registry = createBackendRegistry({
      register: [pluginFor('my-pg', ['postgres'])],
      importModule: importerOf({
        '@q2google/state-postgres': pluginFor('@q2google/state-postgres', ['postgres']),
      }),
    });
    const { plugin, origin } = await registry.resolve('postgres://h/db');
    expect([plugin.name, origin]).toEqual(['my-pg', 'registered']);
  });

  it('names the package to install for an unknown scheme', async () => {
    const error = await rejection(
      createBackendRegistry({ importModule: importerOf({}) }).open('redis://:hunter22@h:6379'),
    );
    expect(error.code).toBe('BACKEND_UNKNOWN_SCHEME');
    expect(error.userMessage).toContain('q2google-state-redis');
    expect(error.userMessage).toContain('Q2G_PLUGINS');
    expect(error.userMessage).not.toContain('hunter22');
  });

  it('says which built-in package is missing, without the URI password', async () => {
    const error = await rejection(
      createBackendRegistry({ importModule: importerOf({}) }).open(
        'postgres://sync:s3cret-pw@db.local/q2g',
      ),
    );
    expect(error.code).toBe('BACKEND_PACKAGE_MISSING');
    expect(error.userMessage).toContain('npm install @q2google/state-postgres');
    expect(error.userMessage).toContain('postgres://sync:***@db.local/q2g');
    expect(error.userMessage).not.toContain('s3cret-pw');
  });

  it("loads a configured plugin package from the user's project folder", async () => {
    const project = await mkdtemp(join(tmpdir(), 'q2g-registry-'));
    const dir = join(project, 'node_modules', 'q2google-state-fake');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'q2google-state-fake', type: 'module', exports: './index.js' }),
    );
    await writeFile(
      join(dir, 'index.js'),
      `export default { name: 'q2google-state-fake', apiVersion: ${STATE_PLUGIN_API_VERSION}, schemes: ['fake'],
         create: (uri, options) => ({ name: 'fake:' + options.cwd, load: async () => null, save: async () => {} }) };`,
    );
    const registry = createBackendRegistry({ cwd: project, plugins: ['q2google-state-fake'] });
    const backend = await registry.open('fake://anything');
    expect(backend.name).toBe(`fake:${project}`);
    expect((await registry.resolve('fake:x')).origin).toBe('configured');
  });

  it('reports a configured plugin package that is not installed', async () => {
    const project = await mkdtemp(join(tmpdir(), 'q2g-registry-'));
    const error = await rejection(
      createBackendRegistry({ cwd: project, plugins: ['q2google-state-nope'] }).open('nope:x'),
    );
    expect(error.code).toBe('BACKEND_PACKAGE_MISSING');
    expect(error.userMessage).toContain('npm install q2google-state-nope');
  });

  it('rejects a plugin of the wrong shape, naming the field', async () => {
    const registry = createBackendRegistry({
      plugins: ['bad'],
      importModule: importerOf({
        bad: { default: { name: 'bad', apiVersion: 1, schemes: ['bad'] } },
      }),
    });
    const error = await rejection(registry.open('bad:x'));
    expect(error.code).toBe('BACKEND_INVALID_PLUGIN');
    expect(error.message).toContain('create');
  });

  it('rejects a plugin made for another plugin API version', async () => {
    const future = { ...pluginFor('future', ['future']), apiVersion: STATE_PLUGIN_API_VERSION + 1 };
    const error = await rejection(
      createBackendRegistry({ plugins: ['future'], importModule: importerOf({ future }) }).open(
        'future:x',
      ),
    );
    expect(error.code).toBe('BACKEND_API_VERSION');
    expect(error.hint).toContain('Upgrade @q2google/core');
  });

  it('refuses two plugins claiming one scheme', async () => {
    const registry = createBackendRegistry({ register: [pluginFor('a', ['dup'])] });
    expect(() => registry.register(pluginFor('b', ['dup']))).toThrow(
      /Two state-backend plugins claim "dup:"/,
    );
    const clash = createBackendRegistry({
      plugins: ['x', 'y'],
      importModule: importerOf({ x: pluginFor('x', ['kv']), y: pluginFor('y', ['kv']) }),
    });
    expect((await rejection(clash.open('kv:1'))).code).toBe('BACKEND_SCHEME_CONFLICT');
    const overBuiltin = createBackendRegistry({
      plugins: ['z'],
      importModule: importerOf({ z: pluginFor('z', ['postgres']) }),
    });
    expect((await rejection(overBuiltin.open('file:x'))).code).toBe('BACKEND_SCHEME_CONFLICT');
  });

  it('turns a failing create into BACKEND_UNAVAILABLE without the password', async () => {
    const failing: StateBackendPlugin = {
      ...pluginFor('pg', ['postgres']),
      create: (uri) => {
        throw new Error(`connect ECONNREFUSED for ${uri}`);
      },
    };
    const error = await rejection(
      createBackendRegistry({ register: [failing] }).open('postgres://u:pw-123456@h/db'),
    );
    expect(error.code).toBe('BACKEND_UNAVAILABLE');
    expect(error.message).toContain('postgres://u:***@h/db');
    expect(error.message).not.toContain('pw-123456');
  });

  it('wraps what an opened backend throws into a typed error and keeps its capabilities', async () => {
    const plugin: StateBackendPlugin = {
      ...pluginFor('flaky', ['flaky']),
      create: () => ({
        capabilities: { listSessions: true },
        load: async () => {
          throw new Error('socket hang up');
        },
        save: async () => {},
        listSessions: async () => [],
      }),
    };
    const backend = await createBackendRegistry({ register: [plugin] }).open('flaky:x');
    expect(backend.capabilities).toEqual({ listSessions: true });
    expect(typeof backend.listSessions).toBe('function');
    expect(backend.saveChanges).toBeUndefined();
    const error = await rejection(backend.load('s1'));
    expect(error.code).toBe('BACKEND_UNAVAILABLE');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('lists built-in backends with whether they are installed', async () => {
    const registry = createBackendRegistry({
      importModule: importerOf({
        '@q2google/state-json': pluginFor('@q2google/state-json', ['file']),
      }),
    });
    const rows = await registry.list();
    expect(rows.find((r) => r.scheme === 'file')).toMatchObject({
      installed: true,
      origin: 'builtin',
    });
    expect(rows.find((r) => r.scheme === 'postgres')).toMatchObject({
      installed: false,
      package: '@q2google/state-postgres',
    });
  });
});

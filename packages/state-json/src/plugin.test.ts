import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackendRegistry, STATE_PLUGIN_API_VERSION, validatePlugin } from '@q2google/core';
import { buildSession } from '@q2google/state-conformance';
import { describe, expect, test } from 'vitest';
import plugin, { jsonStatePlugin, resolveStateDirectory } from './index.js';
import { tempStateRoot } from './test-support.js';

describe('the file-scheme plugin', () => {
  test('is a valid plugin object, exported as default and by name', () => {
    expect(plugin).toBe(jsonStatePlugin);
    expect(validatePlugin(plugin, 'state-json')).toMatchObject({
      name: '@q2google/state-json',
      apiVersion: STATE_PLUGIN_API_VERSION,
      schemes: ['file'],
    });
  });

  test.each([
    ['a relative path', 'state', '/project/state'],
    ['a dotted relative path', './a/../state', '/project/state'],
    ['an absolute path', '/var/q2g', '/var/q2g'],
    ['a file: URL', 'file:///var/q2g%20state', '/var/q2g state'],
    ['a file: relative form', 'file:state', '/project/state'],
  ])('resolves %s', (_, uri, expected) => {
    expect(resolveStateDirectory(uri, '/project')).toBe(expected);
  });

  test('an empty path is refused with BACKEND_INVALID_URI', () => {
    expect(() => resolveStateDirectory('file:', '/p')).toThrow(
      expect.objectContaining({ code: 'BACKEND_INVALID_URI' }),
    );
  });

  test('opens through the registry; the namespace is a sub-folder of the state folder', async () => {
    const cwd = await tempStateRoot();
    const registry = createBackendRegistry({ cwd, register: [] });
    const state = buildSession({ items: 3 });
    const direct = await jsonStatePlugin.create('state', { cwd, namespace: 'ns1' });
    await direct.save(state);
    await direct.close!();
    const viaUrl = await jsonStatePlugin.create(pathToFileURL(join(cwd, 'state', 'ns1')).href, {
      cwd: '/elsewhere',
    });
    expect(await viaUrl.load(state.id)).toStrictEqual(state);
    await viaUrl.close!();
    const opened = await registry.open('./state', { namespace: 'ns1' });
    expect(await opened.load(state.id)).toStrictEqual(state);
    await opened.close!();
  });
});

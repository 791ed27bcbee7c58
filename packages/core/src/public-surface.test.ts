import { describe, expect, it } from 'vitest';
import * as config from './config/index.js';
import * as engine from './engine.js';
import * as root from './index.js';
import * as testing from './testing/index.js';

describe("core's public surface", () => {
  it('the root entry is the contract: model, ports, errors, registry, backend frame', () => {
    for (const name of ['Q2gError', 'isQ2gError', 'createBackendRegistry', 'defineStateBackend']) {
      expect(root, name).toHaveProperty(name);
    }
    for (const name of ['transitionItem', 'ItemStateSchema', 'resolveCapabilities']) {
      expect(root, name).toHaveProperty(name);
    }
  });

  it('the engine, configuration and test doubles are only behind their subpaths', () => {
    expect(engine).toHaveProperty('GoProToPhotosSync');
    expect(engine).toHaveProperty('SyncWorker');
    expect(config).toHaveProperty('loadConfig');
    expect(testing).toHaveProperty('createMemoryBackend');
    expect(testing).toHaveProperty('FakeSink');
    for (const name of ['GoProToPhotosSync', 'SyncWorker', 'CreateStage', 'loadConfig']) {
      expect(root, name).not.toHaveProperty(name);
    }
    for (const name of ['createMemoryBackend', 'FakeSink', 'FakeSource']) {
      expect(root, name).not.toHaveProperty(name);
    }
  });

  it('the package exports exactly these four entries', async () => {
    const { default: pkg } = await import('../package.json', { with: { type: 'json' } });
    expect(Object.keys(pkg.exports).sort()).toEqual(
      ['.', './config', './engine', './package.json', './testing'].sort(),
    );
  });
});

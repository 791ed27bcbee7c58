export * from './backend-registry.js';
export { BUILTIN_BACKENDS, builtinPackageFor } from './builtin-backends.js';
export { guardBackend } from './guard-backend.js';
export { importFromDirs, type ModuleImporter, unwrapDefault } from './load-plugin-module.js';
export { DEFAULT_STATE_PATH, parseStateTarget, type StateTarget } from './parse-state-target.js';
export { type InjectedClientCheck, injectedClient, takeUriParams } from './plugin-options.js';
export * from './state-plugin.js';
export { validatePlugin } from './validate-plugin.js';

export { createEmulatorClock, type EmulatorClock } from './clock.js';
export { type GoProEmulator, startGoProEmulator } from './emulator.js';
export type { ExpectedUnit } from './expected-units.js';
export { GoProLibrary } from './library.js';
export {
  type EmulatedKind,
  EmulatedKindSchema,
  type ItemSpec,
  type ItemSpecInput,
  ItemSpecSchema,
  type LibraryOptions,
  type LibraryOptionsInput,
  LibraryOptionsSchema,
} from './library-spec.js';
export type { EmulatedMedia } from './media-record.js';
export {
  type GoProAuthOptions,
  GoProAuthOptionsSchema,
  type GoProCdnOptions,
  GoProCdnOptionsSchema,
  type GoProEmulatorOptions,
  type GoProEmulatorOptionsInput,
  GoProEmulatorOptionsSchema,
  type GoProSearchOptions,
  GoProSearchOptionsSchema,
} from './options.js';
export { mintJweLikeToken } from './tokens.js';
export { type ZipMember, zipStream } from './zip-stream.js';

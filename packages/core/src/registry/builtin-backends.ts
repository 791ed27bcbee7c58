/**
 * The built-in scheme map: which first-party package opens which URI scheme. Packages are
 * imported only when a URI needs them, so a user installs just the backend they use.
 */
export const BUILTIN_BACKENDS: readonly { package: string; schemes: readonly string[] }[] = [
  { package: '@q2google/state-json', schemes: ['file'] },
  { package: '@q2google/state-mongo', schemes: ['mongodb', 'mongodb+srv'] },
  { package: '@q2google/state-postgres', schemes: ['postgres', 'postgresql'] },
];

/** The built-in package for a scheme, if one exists. */
export function builtinPackageFor(scheme: string): string | undefined {
  return BUILTIN_BACKENDS.find((entry) => entry.schemes.includes(scheme))?.package;
}

import type { ExpectedUnit } from '@q2google/sandbox';
import type { World } from './world.js';

/** The originals a sync must create: ready ones, minus what is skipped by default (.360). */
export function unitsToCreate(world: World): ExpectedUnit[] {
  return world.gopro
    .expectedUnits()
    .filter(
      (unit) => unit.readyToView === 'ready' && unit.kind !== 'max360' && unit.part !== 'raw',
    );
}

/**
 * What keeps the library from holding each expected unit exactly once (missing, doubled,
 * created twice from one upload, or not expected at all); empty when it does. For callers
 * outside a test runner; tests use `expectEachCreatedOnce`.
 */
export function createdOnceProblems(
  world: World,
  expected: ExpectedUnit[] = unitsToCreate(world),
): string[] {
  const library = world.google.inspect();
  const bySha = new Map<string, number>();
  for (const item of library.items) bySha.set(item.sha256, (bySha.get(item.sha256) ?? 0) + 1);
  const problems: string[] = [];
  for (const unit of expected) {
    const count = bySha.get(world.gopro.expectedSha256(unit.mediaId, unit.part)) ?? 0;
    if (count !== 1) problems.push(`${unit.mediaId}/${unit.part} created ${count} times`);
  }
  if (library.items.length !== expected.length) {
    problems.push(`${library.items.length} items for ${expected.length} units`);
  }
  for (const content of Object.values(library.contents)) {
    if (content.itemsCreated !== 1)
      problems.push(`a content created ${content.itemsCreated} times`);
  }
  return problems;
}

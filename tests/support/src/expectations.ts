import type { ExpectedUnit } from '@q2google/sandbox';
import { expect } from 'vitest';
import { unitsToCreate } from './created-once.js';
import type { World } from './world.js';

/**
 * Every expected unit was created in Google Photos exactly once, with the bytes GoPro serves,
 * and nothing else was created.
 */
export function expectEachCreatedOnce(
  world: World,
  expected: ExpectedUnit[] = unitsToCreate(world),
): void {
  const library = world.google.inspect();
  const bySha = new Map<string, number>();
  for (const item of library.items) bySha.set(item.sha256, (bySha.get(item.sha256) ?? 0) + 1);
  for (const unit of expected) {
    const sha = world.gopro.expectedSha256(unit.mediaId, unit.part);
    expect(bySha.get(sha), `${unit.mediaId}/${unit.part} (${unit.cameraName}) created once`).toBe(
      1,
    );
  }
  expect(library.items).toHaveLength(expected.length);
  for (const content of Object.values(library.contents)) {
    expect(content.itemsCreated).toBe(1);
  }
}

// Adds up the vitest JSON reports of every package and prints "N passed, N failed".
// Exits non-zero when a test failed, a suite failed to load, or no test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'apps', 'examples', 'tests', 'bench'].filter(existsSync);
let passed = 0;
let failed = 0;
let skipped = 0;
let brokenSuites = 0;
for (const root of roots) {
  for (const name of readdirSync(root)) {
    const dir = join(root, name, '.test-results');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      skipped += report.numPendingTests + (report.numTodoTests ?? 0);
      brokenSuites += report.testResults.filter(
        (r) => r.status === 'failed' && r.assertionResults.length === 0,
      ).length;
    }
  }
}
if (brokenSuites > 0) console.log(`${brokenSuites} test file(s) failed to run`);
console.log(`${passed} passed, ${failed + brokenSuites} failed, ${skipped} skipped`);
process.exit(failed + brokenSuites > 0 || passed === 0 ? 1 : 0);

/**
 * `pnpm bench`: runs every benchmark against the sandbox emulators on 127.0.0.1 and writes
 * BENCHMARKS.md and bench-results.json at the repository root.
 *
 *   pnpm bench                      the full run
 *   pnpm bench --quick              every benchmark at small sizes (results under bench/results/)
 *   pnpm bench --only=state,discovery  (names: large-files, many-photos, state, scale-out, discovery, peer, quota, quota-migration)
 *   pnpm bench --quick --only=discovery --discovery-sizes=10000,100000  (other library sizes)
 *   pnpm bench --only=quota-migration   a three-day migration on a virtual clock (seconds)
 *   pnpm bench --profile            also write CPU profiles of every measured job (bench/results/profiles)
 *   pnpm bench --render             rewrite BENCHMARKS.md from bench-results.json (after editing findings.md)
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchDiscovery } from './benchmarks/discovery.js';
import { jobFlags } from './benchmarks/harness.js';
import { benchLargeFiles } from './benchmarks/large-files.js';
import { benchManyPhotos } from './benchmarks/many-photos.js';
import { benchPeer } from './benchmarks/peer.js';
import { benchQuota } from './benchmarks/quota.js';
import { benchQuotaMigration } from './benchmarks/quota-migration.js';
import { benchScaleOut } from './benchmarks/scale-out.js';
import { benchState } from './benchmarks/state.js';
import { type BenchConfig, FULL, QUICK } from './config.js';
import { dropBenchData } from './lib/backends.js';
import { describeMachine } from './lib/machine.js';
import { startServices } from './lib/services.js';
import { renderMarkdown } from './report/markdown.js';
import type { BenchResults } from './report/results.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NAMES = [
  'large-files',
  'many-photos',
  'state',
  'scale-out',
  'discovery',
  'peer',
  'quota',
  'quota-migration',
] as const;
type Name = (typeof NAMES)[number];

const args = process.argv.slice(2);
if (args.includes('--render')) {
  const saved = JSON.parse(
    await readFile(join(ROOT, 'bench-results.json'), 'utf8'),
  ) as BenchResults;
  await writeFile(join(ROOT, 'BENCHMARKS.md'), renderMarkdown(saved));
  process.exit(0);
}
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = onlyArg ? (onlyArg.split(',') as Name[]) : [...NAMES];
for (const name of only) {
  if (!NAMES.includes(name))
    throw new Error(`unknown benchmark "${name}"; one of ${NAMES.join(', ')}`);
}
const discoverySizes = args
  .find((a) => a.startsWith('--discovery-sizes='))
  ?.slice('--discovery-sizes='.length);
const chosen: BenchConfig = quick ? QUICK : FULL;
const config: BenchConfig = discoverySizes
  ? { ...chosen, discovery: { sizes: discoverySizes.split(',').map(Number) } }
  : chosen;
const partial = quick || only.length < NAMES.length;
const outDir = partial ? join(ROOT, 'bench', 'results') : ROOT;
if (args.includes('--profile')) {
  jobFlags.value = ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench', 'results', 'profiles')}`];
}
const log = (message: string) => process.stderr.write(`${message}\n`);
const command = `pnpm bench${args.length ? ` ${args.join(' ')}` : ''}`;

const started = Date.now();
const results: BenchResults = {
  command,
  mode: config.mode,
  startedAt: new Date(started).toISOString(),
  durationS: 0,
  machine: await describeMachine(),
  config,
  durationsS: {},
  errors: {},
};
const needsDatabases = only.includes('state') || only.includes('scale-out');
const services = needsDatabases ? await startServices() : undefined;
if (services) await dropBenchData(services);
try {
  for (const name of only) {
    const t0 = Date.now();
    log(`[${name}]`);
    try {
      switch (name) {
        case 'large-files':
          results.largeFiles = await benchLargeFiles(config, log);
          break;
        case 'many-photos':
          results.manyPhotos = await benchManyPhotos(config, log);
          break;
        case 'state':
          results.state = await benchState(config, services!, log);
          break;
        case 'scale-out':
          results.scaleOut = await benchScaleOut(config, services!, log);
          break;
        case 'discovery':
          results.discovery = await benchDiscovery(config, log);
          break;
        case 'peer':
          results.peer = await benchPeer(config, log);
          break;
        case 'quota-migration':
          results.quotaMigration = await benchQuotaMigration(log);
          break;
        case 'quota':
          results.quota = await benchQuota(config, log);
          break;
      }
    } catch (error) {
      // One failed benchmark is reported as failed; the others still run.
      results.errors[name] = error instanceof Error ? error.message : String(error);
      log(`[${name}] FAILED: ${results.errors[name]}`);
    }
    results.durationsS[name] = Math.round((Date.now() - t0) / 1000);
    log(`[${name}] ${results.durationsS[name]} s`);
  }
} finally {
  if (services) await dropBenchData(services).catch((e: unknown) => log(`cleanup: ${String(e)}`));
}
results.durationS = Math.round((Date.now() - started) / 1000);
await mkdir(outDir, { recursive: true });
const base = only.length < NAMES.length ? `${config.mode}-${only.join('+')}` : config.mode;
const jsonPath = join(outDir, partial ? `${base}.json` : 'bench-results.json');
const mdPath = join(outDir, partial ? `${base}.md` : 'BENCHMARKS.md');
await writeFile(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
// The repository's formatter owns JSON layout; keep the committed file lint-clean.
await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'biome'), [
  'format',
  '--write',
  jsonPath,
]).catch((e: unknown) => log(`biome format ${jsonPath}: ${String(e)}`));
await writeFile(mdPath, renderMarkdown(results));
log(`wrote ${mdPath} and ${jsonPath} in ${results.durationS} s`);

import { DEFAULT_STATE_PATH, isQ2gError, redactUri } from '@q2google/core';
import type { CommandSpec } from '../../command.js';
import type { Outcome } from '../../outcome.js';
import type { CliLoadedConfig } from '../../wiring/cli-settings.js';
import { type CheckResult, DEFAULT_CHECKS, type DoctorCheck, runCheck } from './doctor-checks.js';

function originCounts(loaded: CliLoadedConfig): string {
  const counts = { flag: 0, env: 0, dotenv: 0 };
  for (const origin of Object.values(loaded.origins)) if (origin !== 'default') counts[origin] += 1;
  return `${counts.flag} from flags, ${counts.env} from Q2G_* variables, ${counts.dotenv} from .env`;
}

/** `q2google doctor`, with its checks injectable for tests. */
export function createDoctorCommand(checks: readonly DoctorCheck[] = DEFAULT_CHECKS): CommandSpec {
  return {
    name: 'doctor',
    summary: 'check settings, both logins, the state backend and both services',
    usage: 'doctor',
    async run({ ctx, printer, config }): Promise<Outcome> {
      const { style } = printer;
      const show = (name: string, result: CheckResult) => {
        const mark = result.ok ? style.green('✓') : style.red('✗');
        printer.result(`${mark} ${name}: ${result.detail}`);
        printer.json({ type: 'check', name, ...result });
      };
      let loaded: CliLoadedConfig;
      try {
        loaded = config();
      } catch (error) {
        if (!isQ2gError(error)) throw error;
        show('configuration', { ok: false, detail: error.userMessage, code: error.code });
        for (const check of checks) printer.result(style.dim(`- ${check.name}: not checked`));
        return {
          kind: 'stopped',
          code: error.code,
          message:
            'The configuration is invalid; fix the setting named above and run doctor again.',
        };
      }
      const state = redactUri(loaded.config.stateUri ?? DEFAULT_STATE_PATH);
      show('configuration', {
        ok: true,
        detail: `valid (${originCounts(loaded)}; state ${state})`,
      });
      const failures: { name: string; code: CheckResult & { ok: false } }[] = [];
      for (const check of checks) {
        const result = await runCheck(check, ctx, loaded);
        show(check.name, result);
        if (!result.ok) failures.push({ name: check.name, code: result });
      }
      const first = failures[0];
      if (!first) return { kind: 'success' };
      return {
        kind: 'stopped',
        code: first.code.code,
        message: `${failures.length} of ${checks.length + 1} checks failed (${failures.map((f) => f.name).join(', ')}).`,
      };
    },
  };
}

/** `q2google doctor`. */
export const doctorCommand = createDoctorCommand();

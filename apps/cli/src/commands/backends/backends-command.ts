import type { CommandSpec } from '../../command.js';
import { SUCCESS } from '../../outcome.js';
import { formatTable } from '../../output/format.js';

/** `q2google backends`: every URI scheme the registry can open, and from which package. */
export const backendsCommand: CommandSpec = {
  name: 'backends',
  summary: 'list the state backends that can be loaded, and from which package',
  usage: 'backends [--plugin NAME]',
  async run({ ctx, printer, config }) {
    const rows = await ctx.services.registry(config().config).list();
    if (printer.mode.json) {
      for (const row of rows) printer.json({ type: 'backend', ...row });
      return SUCCESS;
    }
    const table = [
      ['SCHEME', 'PACKAGE', 'ORIGIN', 'STATUS'],
      ...rows.map((row) => [
        `${row.scheme}:`,
        row.package,
        row.origin,
        row.installed ? printer.style.green('available') : printer.style.yellow('not installed'),
      ]),
    ];
    for (const line of formatTable(table)) printer.result(line);
    const missing = rows.filter((row) => !row.installed);
    for (const pkg of new Set(missing.map((row) => row.package))) {
      printer.line(`To use ${pkg}: npm install ${pkg} (next to q2google or in this folder).`);
    }
    return SUCCESS;
  },
};

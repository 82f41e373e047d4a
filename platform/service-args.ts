import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.ts';

/** Services take their settings from GIVRE_* variables; the only option is --help. */
export function wantsHelp(argv: string[]): boolean {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    return values.help === true;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type AngerLang, DEFAULT_ESCALATE_AT, detectAnger } from '../cases/anger/detect-anger.js';

/** `anger --lang de|en [--threshold N]`: one JSON line `{level, escalate, leaving, signals}` per stdin line. */
export function angerCommand(): Command {
  return (
    new Command('anger')
      .description('Rate the anger of complaint texts read line by line from standard input')
      .addOption(
        new Option('--lang <lang>', 'language of the texts').choices(['de', 'en']).makeOptionMandatory(),
      )
      .option('--threshold <level>', 'escalate from this level (0..1)', parseThreshold, DEFAULT_ESCALATE_AT)
      .action(async (options: { lang: AngerLang; threshold: number }) => {
        const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
        for await (const line of lines) {
          const { level, escalate, leaving, signals } = detectAnger(line, options.lang, {
            escalateAt: options.threshold,
          });
          process.stdout.write(`${JSON.stringify({ level, escalate, leaving, signals })}\n`);
        }
      })
      // Usage errors (bad --lang, bad --threshold) exit with 2, the conventional code for misuse of a command.
      .exitOverride((err) => {
        if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') process.exit(0);
        process.exit(2);
      })
  );
}

function parseThreshold(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1))
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  return n;
}

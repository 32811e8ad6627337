// The stammkunde command: one file per command group, mounted here.
import { Command } from 'commander';
import { angerCommand } from '../cases/anger/anger.cli.js';
import { demoCommands } from './demo.cli.js';
import { platformCommands } from './platform.cli.js';

const program = new Command('stammkunde').description('Stammkunde: keep the customers you have').showHelpAfterError();
platformCommands(program);
demoCommands(program);
program.addCommand(angerCommand());

program.parseAsync().catch((err) => {
  process.stderr.write(`stammkunde: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

// The stammkunde command: one file per command group, mounted here.
import { Command } from 'commander';
import { angerCommand } from './anger.cli.js';
import { churnFileCommands } from './churn.cli.js';
import { churnRunCommands } from './churn-run.cli.js';
import { demoCommands } from './demo.cli.js';
import { importCommands } from './import.cli.js';
import { openapiCommands } from './openapi.cli.js';
import { platformCommands } from './platform.cli.js';
import { retentionCommands } from './retention.cli.js';

const program = new Command('stammkunde')
  .description('Stammkunde: keep the customers you have')
  .showHelpAfterError();
platformCommands(program);
demoCommands(program);
importCommands(program);
openapiCommands(program);
retentionCommands(program);
program.addCommand(angerCommand());
const churn = program.command('churn').description('churn early warning: fit, score, run');
churnFileCommands(churn);
churnRunCommands(churn);

program.parseAsync().catch((err) => {
  process.stderr.write(`stammkunde: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

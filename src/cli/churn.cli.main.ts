/** Stand-alone entry for the churn file commands (used by tests; the product mounts them under `stammkunde churn`). */
import { Command } from 'commander';
import { churnFileCommands } from './churn.cli.js';

const p = new Command('stammkunde');
const c = p.command('churn');
churnFileCommands(c);
await p.parseAsync();

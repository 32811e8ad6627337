// Test entry point: mounts `anger` on a root command the way the real `stammkunde` CLI will.
import { Command } from 'commander';
import { angerCommand } from './anger.cli.js';

await new Command('stammkunde').addCommand(angerCommand()).parseAsync(process.argv);

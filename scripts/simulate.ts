// `npm run simulate -- --domain D --stream S [--app A] [--files N] [--every-type] [--fail-first K] [--speed X]`
import { consoleIo } from './cli/io';
import { runCli } from './run-cli';
import { simulateCommand, simulateUsage } from './simulate/command';

runCli(() => simulateCommand(process.argv.slice(2), consoleIo()), simulateUsage);

// `npm run simulate -- --domain D --stream S [--app A] [--files N] [--every-type] [--fail-first K] [--speed X]`
import { consoleIo } from '../cli/io';
import { runCli } from '../cli/command';
import { simulateCommand, simulateUsage } from '../simulate/simulate';

runCli(() => simulateCommand(process.argv.slice(2), consoleIo()), simulateUsage);

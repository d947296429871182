// `npm run tencent -- setup | status | remove --domain D [--app A] [--stage S] [--region R] ...`
import { consoleIo } from '../cli/io';
import { tencentCommand, tencentUsage } from '../tencent/wiring';
import { runCli } from '../cli/command';

runCli(() => tencentCommand(process.argv.slice(2), consoleIo()), tencentUsage);

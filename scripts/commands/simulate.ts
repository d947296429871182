// `npm run simulate -- --domain D --stream S [--app A] [--files N] [--every-type] [--fail-first K] [--speed X]`
import { DEFAULT_APP_NAME } from '../../lib/tencent/wiring';
import { defineCommand, runMain } from '../cli/command';
import { UsageError } from '../cli/errors';
import { positiveNumber, wholeNumber } from '../cli/values';
import { CALLBACK_GAP_MS } from '../simulate/deliver';
import { DEFAULT_FILE_SECONDS } from '../simulate/session';
import { simulate, type SimulateHooks } from '../simulate/simulate';

export const simulateCommand = defineCommand({
  summary:
    'Plays a push session as Tencent CSS would, to the URL the local Tencent binds to the domain.',
  usage: [
    `npm run simulate -- --domain D --stream S [--app A] [--files N] [--every-type]
                           [--fail-first K] [--speed X]`,
  ],
  options: {
    domain: {
      type: 'string',
      value: 'D',
      help: 'the push domain, bound with npm run tencent -- setup --domain D (required)',
    },
    stream: { type: 'string', value: 'S', help: 'the stream name (required)' },
    app: {
      type: 'string',
      value: 'A',
      help: `the push path (AppName; default ${DEFAULT_APP_NAME})`,
    },
    files: {
      type: 'string',
      value: 'N',
      help: `recording files (default 2; ${DEFAULT_FILE_SECONDS / 60} minutes each, the last shorter)`,
    },
    'every-type': {
      type: 'boolean',
      help:
        'a push that goes wrong and is flagged, so that it sends every kind of callback:\n' +
        'also a push exception (321) and a recording exception (341) in the first file,\n' +
        'and after its screenshot an image (317) and an audio (315) moderation result',
    },
    'fail-first': {
      type: 'string',
      value: 'K',
      help:
        'count the first K answers to each callback as lost, as when Tencent does not\n' +
        'get the 200 in time: the receiver sees K redeliveries of each (default 0)',
    },
    speed: {
      type: 'string',
      value: 'X',
      help:
        `divide every wait by X: the ${CALLBACK_GAP_MS / 1000} s between callbacks, the minute between retries\n` +
        '(default 1)',
    },
  },
  notes: `It sends push start, recording started (332), for each file a screenshot and the recording,
recording ended (332) before the last file, and push end, each to the template's URL for its kind
and signed with the template's CallbackKey (t = send time + 600). A callback not answered 200
within 20 s is retried every minute, 12 times (screenshots every 2 minutes, 5 times), then given
up. Every attempt goes into the local Tencent's callback history, and the push into its push list.
It needs a running npm start (its local Tencent) and prints no key or signature.`,
  run: ({ values }, io, hooks: SimulateHooks) => {
    const domain = values.domain?.trim();
    if (!domain) {
      throw new UsageError('Give --domain, the push domain bound with npm run tencent -- setup.');
    }
    const stream = values.stream?.trim();
    if (!stream) {
      throw new UsageError('Give --stream, the name of the stream to play (for example room-1).');
    }
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(stream)) {
      throw new UsageError(
        '--stream must be letters, digits, _, - and . (at most 128), as in a push URL.',
      );
    }
    const args = {
      domain,
      stream,
      app: values.app?.trim() || DEFAULT_APP_NAME,
      files: wholeNumber('--files', values.files, { min: 1, max: 100 }) ?? 2,
      everyType: values['every-type'] === true,
      failFirst: wholeNumber('--fail-first', values['fail-first'], { min: 0, max: 13 }) ?? 0,
      speed: positiveNumber('--speed', values.speed, { max: 100_000 }) ?? 1,
    };
    return simulate(args, io, hooks);
  },
});

if (require.main === module) runMain(simulateCommand);

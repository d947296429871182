// `npm run tencent -- setup | status | remove --domain D [--app A] [--stage S] [--region R] ...`
import { DEFAULT_APP_NAME } from '../../lib/tencent/wiring';
import { defineCommand, defineCommandGroup, runMain, type OptionValues } from '../cli/command';
import { UsageError } from '../cli/errors';
import { TARGET_OPTIONS } from '../cli/target';
import { remove, setup, status, type WiringArgs, type WiringHooks } from '../tencent/wiring';

const PATH_OPTIONS = {
  domain: { type: 'string', value: 'D', help: 'the push domain (required)' },
  app: {
    type: 'string',
    value: 'A',
    help: `the push path (AppName; default ${DEFAULT_APP_NAME})`,
  },
  ...TARGET_OPTIONS,
} as const;

const FORCE_AND_DRY_RUN = {
  'dry-run': { type: 'boolean', help: 'show the plan, change nothing' },
} as const;

const TARGETS = `Against the local stack (npm start runs one) it works on the local Tencent, with the stack's
callback URL and key. Against a deployed stage it needs TENCENTCLOUD_SECRET_ID and
TENCENTCLOUD_SECRET_KEY (TENCENTCLOUD_ENDPOINT for another address) and the shell's AWS
credentials. It never prints a key.`;

const setupCommand = defineCommand({
  summary: `Wires a push domain to the service: Tencent sends every callback there, signed.

Creates or updates the callback template <service>-<stage> (every notify URL the service
handles points at the callback URL; CallbackKey is the key) and binds the domain to it.
Running it again changes nothing.`,
  usage: [
    `npm run tencent -- setup --domain D [--app A] [--url URL] [--key KEY]
                                [--stage S] [--region R] [--force] [--dry-run]`,
  ],
  options: {
    ...PATH_OPTIONS,
    url: {
      type: 'string',
      value: 'URL',
      help: "the callback URL (default: the stack's CallbackUrl output)",
    },
    key: {
      type: 'string',
      value: 'KEY',
      help: "the key, one the service accepts (default: the key in the stage's SSM\nparameter; with none there, a new key is generated and stored there)",
    },
    force: { type: 'boolean', help: 'replace a binding of the domain to another template' },
    ...FORCE_AND_DRY_RUN,
  },
  notes: TARGETS,
  run: ({ values }, io, hooks: WiringHooks) => setup(wiringArgs(values), io, hooks),
});

const statusCommand = defineCommand({
  summary: `Shows how a push domain is wired: its binding, the template's URLs, and whether setup
would change anything (exit 0 when it would not, 1 when it would).`,
  usage: [
    `npm run tencent -- status --domain D [--app A] [--url URL] [--key KEY]
                                 [--stage S] [--region R]`,
  ],
  options: {
    ...PATH_OPTIONS,
    url: {
      type: 'string',
      value: 'URL',
      help: "compare with this callback URL instead of the stack's",
    },
    key: { type: 'string', value: 'KEY', help: "compare with this key instead of the stage's" },
  },
  notes: TARGETS,
  run: ({ values }, io, hooks: WiringHooks) => status(wiringArgs(values), io, hooks),
});

const removeCommand = defineCommand({
  summary: `Unbinds a push domain from the stage's template, and deletes the template once nothing
else uses it.`,
  usage: [
    'npm run tencent -- remove --domain D [--app A] [--stage S] [--region R] [--force] [--dry-run]',
  ],
  options: {
    ...PATH_OPTIONS,
    force: {
      type: 'boolean',
      help: "unbind the domain even from a template that is not the stage's",
    },
    ...FORCE_AND_DRY_RUN,
  },
  notes: TARGETS,
  run: ({ values }, io, hooks: WiringHooks) => remove(wiringArgs(values), io, hooks),
});

export const tencentCommand = defineCommandGroup<WiringHooks>({
  summary: 'Wires Tencent Cloud CSS callbacks of a push domain to the service.',
  name: 'npm run tencent --',
  commands: { setup: setupCommand, status: statusCommand, remove: removeCommand },
  notes: TARGETS,
});

type WiringValues = OptionValues<typeof PATH_OPTIONS> & {
  url?: string;
  key?: string;
  force?: boolean;
  'dry-run'?: boolean;
};

/** The push path and what to do to it, checked. */
function wiringArgs(values: WiringValues): WiringArgs {
  const domain = values.domain?.trim();
  if (!domain) {
    throw new UsageError('Give --domain, the push domain (for example push.example.com).');
  }
  if (!/^[A-Za-z0-9.-]+$/.test(domain)) {
    throw new UsageError(
      `--domain must be a domain name such as push.example.com, not ${JSON.stringify(domain)}.`,
    );
  }
  return {
    domain,
    app: values.app?.trim() || DEFAULT_APP_NAME,
    url: values.url?.trim(),
    key: values.key?.trim(),
    stage: values.stage,
    region: values.region,
    force: values.force ?? false,
    dryRun: values['dry-run'] ?? false,
  };
}

if (require.main === module) runMain(tencentCommand);

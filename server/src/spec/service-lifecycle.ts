/**
 * A container's life: the healthcheck, restarts, stopping, logging, and the
 * hooks run around start and stop.
 */
import { FROM_ENVIRONMENT, command, cutToWhole, duration, flag, key, listOrDict, mapping, suggest, text } from './common';
import type { KeySpec } from './types';

export const healthcheck: KeySpec = mapping(
  'How Docker checks that the service works, not just that it runs: a command run every `interval`; after `retries` failures in a row the container is `unhealthy`. `depends_on` with `condition: service_healthy` waits for it.',
  `healthcheck:
  test: ["CMD", "pg_isready", "-U", "postgres"]
  interval: 10s
  timeout: 5s
  retries: 5
  start_period: 30s`,
  {
    test: key(
      ['string', 'list'],
      'The check. A list starts with `CMD` (run the program directly), `CMD-SHELL` (run a shell command) or `NONE` (no check); a string is run by the shell. Exit code 0 means healthy.',
      `healthcheck:
  test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`,
      {
        freeText: true,
        firstItem: text('How to run the check: `CMD` (the program directly), `CMD-SHELL` (through the shell) or `NONE` (no check).', `test: ["CMD", "redis-cli", "ping"]`, {
          // Compose refuses any other first word, in any other case ("must start either by CMD, CMD-SHELL or NONE").
          values: ['CMD', 'CMD-SHELL', 'NONE'],
        }),
        items: text('After `CMD` or `CMD-SHELL`: the program and its arguments (one shell command for `CMD-SHELL`).', `test: ["CMD", "redis-cli", "ping"]`, { freeText: true }),
      },
    ),
    interval: duration('How long to wait between checks (default 30s).', `healthcheck:
  interval: 10s`, { format: 'probe-duration' }),
    timeout: duration('How long one check may take before it counts as failed (default 30s).', `healthcheck:
  timeout: 5s`, { format: 'probe-duration' }),
    retries: cutToWhole('How many failed checks in a row make the container unhealthy (default 3).', `healthcheck:
  retries: 5`),
    start_period: duration('Grace time for a slow-starting container: failures during it do not count, a success ends it early (default 0s).', `healthcheck:
  start_period: 30s`, { format: 'probe-duration' }),
    start_interval: duration('How often to check during `start_period`, so a quick start is noticed sooner.', `healthcheck:
  start_period: 30s
  start_interval: 2s`, { format: 'probe-duration' }),
    disable: flag('Turns off any healthcheck the image defines.', `healthcheck:
  disable: true`),
  },
  // `s`: `start_period`, the grace time, before `start_interval`, the probes' pace during it.
  { commonKeys: ['test', 'interval', 'timeout', 'retries', 'start_period'] },
);

export const logging: KeySpec = mapping(
  'Where the container\'s output goes, and how it is kept. By default Docker writes it to JSON files that `docker compose logs` reads.',
  `logging:
  driver: json-file
  options:
    max-size: 10m
    max-file: "3"`,
  {
    driver: suggest(
      ['json-file', 'local', 'journald', 'syslog', 'gelf', 'fluentd', 'awslogs', 'splunk', 'gcplogs', 'etwlogs', 'none'],
      'The logging driver. `json-file` and `local` keep logs on the host (`docker compose logs` works); others ship them elsewhere; `none` discards them.',
      `logging:
  driver: local`,
      { typoWarned: 'a logging driver the engine ships' },
    ),
    options: key(['mapping'], 'Settings for the logging driver, such as `max-size` and `max-file` for rotation.', `logging:
  options:
    max-size: 10m
    max-file: "3"`, {
      additional: key(['string', 'number', 'null'], 'The value of one logging option; the driver decides what it means.', `options:
  max-size: 10m`, { keptAsText: true }),
    }),
  },
);

export const restart: KeySpec = key(
  ['string'],
  'Whether Docker restarts the container when it exits or the daemon restarts: `no` (default), `always`, `on-failure[:MAX_RETRIES]` (only after a non-zero exit), or `unless-stopped` (always, unless you stopped it).',
  `restart: unless-stopped`,
  {
    values: ['no', 'always', 'on-failure', 'unless-stopped'],
    // `on-failure:5` limits the retries; it is valid but not one of the plain words.
    openValues: true,
    acceptedForms: ['no', 'always', 'on-failure[:max-retries]', 'unless-stopped'],
    // An empty string means `no`, as in Compose's own fixtures. After `on-failure:` Compose reads a count
    // (`+3` too) and drops what it cannot read (`x`, `1.5`: no limit then); the engine refuses a negative one.
    pattern: '^(|no|always|unless-stopped|on-failure(:(?!-).*)?)$',
    format: 'restart',
  },
);

export const stopSignal: KeySpec = suggest(
  ['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGKILL'],
  'The signal sent to stop the container, when its program expects another than the image\'s (usually SIGTERM).',
  `stop_signal: SIGINT`,
  { format: 'signal' },
);

export const stopGracePeriod: KeySpec = duration(
  'How long Docker waits after the stop signal before it kills the container (default 10s). Give databases time to flush.',
  `stop_grace_period: 1m30s`,
);

const hookKeys = (what: string): Record<string, KeySpec> => ({
  command: command(`The command the hook runs ${what}.`, `post_start:
  - command: ["/bin/sh", "-c", "echo started > /tmp/ready"]`),
  user: text('The user the hook\'s command runs as; the container\'s user by default.', `post_start:
  - command: chown -R app /data
    user: root`),
  privileged: flag('Runs the hook\'s command with extended privileges.', `post_start:
  - command: sysctl -w net.core.somaxconn=1024
    privileged: true`),
  working_dir: text('The folder the hook\'s command runs in.', `post_start:
  - command: ./warmup.sh
    working_dir: /app`),
  environment: listOrDict('Extra environment variables for the hook\'s command, on top of the container\'s.', `post_start:
  - command: ./notify.sh
    environment:
      STAGE: started`, 'one variable', FROM_ENVIRONMENT),
});

/** One hook: a command run inside the service's container `what` (e.g. "before the container stops"). */
export const serviceHookItem = (what: string, example: string): KeySpec =>
  mapping(`One command to run ${what}.`, example, hookKeys(what), { required: ['command'] });

const serviceHook = (doc: string, example: string, what: string): KeySpec =>
  key(['list'], doc, example, { items: serviceHookItem(what, example) });

export const postStart: KeySpec = serviceHook(
  'Commands run inside the container right after it starts; if one fails, the container is stopped.',
  `post_start:
  - command: ./register.sh
    user: root`,
  'right after the container starts',
);

export const preStop: KeySpec = serviceHook(
  'Commands run inside the container before it is stopped, e.g. to drain connections or save state.',
  `pre_stop:
  - command: ./drain.sh`,
  'before the container stops',
);

export const preStart: KeySpec = key(
  ['list'],
  'Steps run to completion, in order, before the service\'s container starts, each in its own short-lived container (like an init container). A step that fails stops the service, and those depending on it, from starting.',
  `pre_start:
  - image: busybox
    command: ["sh", "-c", "chown -R 1000 /data"]`,
  {
    items: mapping(
      'One step run before the service starts.',
      `pre_start:
  - command: ["./migrate", "up"]`,
      {
        ...hookKeys('before the service starts'),
        command: command('The command the step runs; leave it out when the image\'s own entrypoint does the work.', `pre_start:
  - command: ["./migrate", "up"]`),
        image: text('The image the step runs in; the service\'s own image by default.', `pre_start:
  - image: busybox
    command: chown -R 1000 /data`),
        per_replica: flag('Runs the step once for each replica (`true`) instead of once for the whole service before any replica starts (`false`, the default).', `pre_start:
  - command: ./prepare.sh
    per_replica: true`),
      },
    ),
  },
);

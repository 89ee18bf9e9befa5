// Hover on a path on the host (spec `hostPath`): where it is on this machine,
// read from the folder Compose reads it from (the build context for a
// Dockerfile), whether it is there, and an env file's variable names, never
// their values; then the key's own explanation.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture } from '../../support/fixture';

const f = fixture(after, { 'config/app.env': 'API_TOKEN=s3cret\nDEBUG=1\n', 'app/Dockerfile': 'FROM busybox\n' });

test("an env file: where it is, that it is there, and the names it sets, not their values", () => {
  const text = f.hoverText('services:\n  web:\n    image: nginx\n    env_file: ./config/ap$0p.env\n');
  assert.match(text, /^\*\*Env file\*\* `\.\/config\/app\.env`/);
  assert.ok(text.includes(`On this machine: \`${f.path('config/app.env')}\``), text);
  assert.match(text, /It is there: a file\./);
  assert.match(text, /It sets 2 variables: `API_TOKEN`, `DEBUG`\./);
  assert.doesNotMatch(text, /s3cret/);
  assert.match(text, /\*\*env_file\*\*/, 'the key explained after');
});

test('a path not there says so; a build context is a folder; a Dockerfile is read from the build context', () => {
  assert.match(f.hoverText('services:\n  web:\n    image: nginx\n    env_file:\n      - path: ./mis$0sing.env\n'), /It is not there\./);
  assert.match(f.hoverText('services:\n  web:\n    build: ./a$0pp\n'), /It is there: a folder\./);
  const dockerfile = f.hoverText('services:\n  web:\n    build:\n      context: app\n      dockerfile: Dock$0erfile\n');
  assert.ok(dockerfile.includes(`On this machine: \`${f.path('app/Dockerfile')}\` (\`Dockerfile\` read from the build context)`), dockerfile);
});

test('a value that is no path keeps its key hover only', () => {
  const text = f.hoverText('services:\n  web:\n    image: nginx\n    command: ./ru$0n.sh\n');
  assert.doesNotMatch(text, /On this machine/);
});

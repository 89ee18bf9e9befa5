// Logging options the engine's json-file and local drivers refuse
// (rules/logOptions.ts), each also held to the engine in
// test/docker/engine-verdicts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { fixture, type Cleanup } from '../../support/fixture';

const logging = (driver: string, options: string) => `services:
  web:
    image: nginx
    logging:
${driver ? `      driver: ${driver}\n` : ''}      options:
${options}`;

function found(t: Cleanup, text: string) {
  return fixture(t, text).diagnostics('invalid-log-option').map((d) => ({ line: d.range.start.line, severity: d.severity, message: String(d.message) }));
}

test('invalid-log-option: json-file refuses an unknown option, a size, a count or a boolean it cannot read, and compress with nothing to rotate', (t) => {
  const list = found(t, logging('json-file', `        max-sise: 10m
        max-size: 10 megs
        max-file: "0"
        compress: maybe
`));
  assert.deepEqual(list.map((d) => d.line), [6, 7, 8, 9]);
  assert.ok(list.every((d) => d.severity === DiagnosticSeverity.Error));
  assert.match(list[0]!.message, /'max-sise' is not an option of the json-file log driver.*Did you mean 'max-size'\?/);
  assert.match(list[2]!.message, /max-file 0 is less than 1/);
  const compress = found(t, logging('json-file', `        compress: "true"\n        max-file: "1"\n        max-size: 1m\n`));
  assert.deepEqual(compress.map((d) => d.line), [6]);
  assert.match(compress[0]!.message, /compress: true needs max-size and a max-file of 2 or more/);
});

test('invalid-log-option: what json-file and local take is fine; local has fewer options; other drivers and interpolation are not judged', (t) => {
  assert.deepEqual(found(t, logging('json-file', `        max-size: 1.5m
        max-file: 3
        compress: "true"
        labels: a,b
        labels-regex: ^x
        env: A
        env-regex: ^B
        tag: "{{.Name}}"
        mode: non-blocking
        max-buffer-size: 4m
`)), []);
  assert.deepEqual(found(t, logging('local', '        tag: x\n')).map((d) => d.line), [6]);
  assert.deepEqual(found(t, logging('syslog', '        syslog-address: "udp://1.2.3.4:514"\n        tag: x\n')), []);
  assert.deepEqual(found(t, logging('${LOG_DRIVER}', '        anything: x\n')), []);
  assert.deepEqual(found(t, logging('json-file', '        max-size: ${LOG_SIZE}\n')), []);
});

test('invalid-log-option: with no driver named, the options go to the daemon\'s default (json-file unless set up otherwise): warnings', (t) => {
  const list = found(t, logging('', '        max-size: bogus\n        max-file: 3\n'));
  assert.deepEqual(list.map((d) => [d.line, d.severity]), [[5, DiagnosticSeverity.Warning]]);
  assert.match(list[0]!.message, /daemon's default log driver/);
});

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { classifyEngineError, classifyFault, cleanOutput } from '../../client/src/compose/faults';

const v1Traceback = `Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/urllib3/connectionpool.py", line 705, in urlopen
    httplib_response = self._make_request(
FileNotFoundError: [Errno 2] No such file or directory

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/docker/api/client.py", line 221, in _retrieve_server_version
    raise DockerException(
docker.errors.DockerException: Error while fetching server API version: ('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))`;

describe('faults', () => {
  const context = { host: 'unix:///var/run/docker.sock', hostSource: 'default socket' };

  it('engine unreachable (v2 and v1 with its traceback), with the host and what to do', () => {
    const v2 = classifyFault('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', context);
    assert.equal(v2?.kind, 'engine-unreachable');
    assert.match(v2!.message, /\/var\/run\/docker\.sock/);
    assert.match(v2!.advice, /DOCKER_HOST|dockhand\.dockerHost/);
    const v1 = classifyFault(v1Traceback, context);
    assert.equal(v1?.kind, 'engine-unreachable');
    assert.doesNotMatch(v1!.message + v1!.advice, /Traceback|File "/);
  });

  it('permission denied on the socket', () => {
    const out =
      'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/containers/json": dial unix /var/run/docker.sock: connect: permission denied';
    const f = classifyFault(out, context);
    assert.equal(f?.kind, 'permission-denied');
    assert.match(f!.advice, /docker group/);
  });

  it('a Compose file error keeps Compose\'s own message', () => {
    const v1 = classifyFault("The Compose file './docker-compose.yml' is invalid because:\nUnsupported config option for services.a: 'bogus'\n");
    assert.equal(v1?.kind, 'compose-file-error');
    assert.match(v1!.detail!, /Unsupported config option for services\.a: 'bogus'/);
    const v2 = classifyFault('validating /p/compose.yaml: services.a additional properties \'bogus\' not allowed\n');
    assert.equal(v2?.kind, 'compose-file-error');
    assert.match(v2!.detail!, /additional properties 'bogus' not allowed/);
    const yaml = classifyFault('yaml.parser.ParserError: while parsing a flow sequence\n  in "./docker-compose.yml", line 3, column 12\n');
    assert.equal(yaml?.kind, 'compose-file-error');
  });

  it('says nothing about output that is none of these', () => {
    assert.equal(classifyFault('Creating network "x_default" with the default driver'), undefined);
  });

  it('strips tracebacks and colours, keeping the final error line', () => {
    const lines = cleanOutput(`\x1b[31mERROR\x1b[0m: boom\n${v1Traceback}\n`);
    assert.deepEqual(lines, [
      'ERROR: boom',
      '[Errno 2] No such file or directory',
      "Error while fetching server API version: ('Connection aborted.', FileNotFoundError(2, 'No such file or directory'))",
    ]);
  });

  it('classifies dockerode socket errors', () => {
    assert.equal(classifyEngineError(Object.assign(new Error('connect ENOENT /x.sock'), { code: 'ENOENT' }), context).kind, 'engine-unreachable');
    assert.equal(classifyEngineError(Object.assign(new Error('connect EACCES /x.sock'), { code: 'EACCES' }), context).kind, 'permission-denied');
    assert.equal(classifyEngineError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), context).kind, 'engine-unreachable');
  });
});

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { engineWarnings, highestCpu, type EngineFacts } from '../../../client/src/docker/composeEngineStatus';
import type { EngineRequest } from '../../../common/src/protocol';

const range = { start: { line: 4, character: 10 }, end: { line: 4, character: 11 } };
const ask = (key: EngineRequest['key'], value: string): EngineRequest => ({ service: 'web', key, value, range });
const engine: EngineFacts = {
  cpus: 2,
  runtimes: new Set(['runc', 'io.containerd.runc.v2']),
  logDrivers: new Set(['json-file', 'local', 'syslog', 'loki:latest']),
};
const said = (requests: EngineRequest[], facts = engine) => engineWarnings(requests, facts).map((w) => [w.code, w.warning]);

describe('what services ask of the engine, against the engine', () => {
  it('a number of CPUs over the engine\'s is a warning naming both, in the engine\'s words; at or under it is none', () => {
    const [w] = engineWarnings([ask('cpus', '4')], engine);
    assert.equal(w?.code, 'cpus-unavailable');
    assert.equal(w?.warning, 'cpus: 4 of service "web" is more than the 2 CPUs the Docker engine has: Compose Up fails to create the container ("Range of CPUs is from 0.01 to 2.00"). Ask for 2 or fewer, or run it on an engine with more CPUs.');
    assert.deepEqual(w?.range, range);
    assert.equal(said([ask('deploy.resources.limits.cpus', '2.5')]).length, 1);
    assert.deepEqual(said([ask('cpus', '2'), ask('cpus', '0.5'), ask('deploy.resources.limits.cpus', '2.0'), ask('cpus', 'lots')]), []);
  });

  it('a cpuset naming a CPU the engine lacks is a warning; one inside it is none', () => {
    assert.match(said([ask('cpuset', '0-7')])[0]?.[1] ?? '', /^cpuset 0-7 of service "web" names CPU 7, and the Docker engine has 2 CPUs \(0-1\): .*"Requested CPUs are not available"/);
    assert.equal(said([ask('cpuset', '0,2')]).length, 1);
    assert.deepEqual(said([ask('cpuset', '0-1'), ask('cpuset', '1'), ask('cpuset', 'x')]), []);
  });

  it('a runtime the engine is not set up with is a warning listing those it has', () => {
    assert.deepEqual(said([ask('runtime', 'nvidia')]), [['runtime-missing', 'The Docker engine is not set up with the runtime "nvidia" of service "web": Compose Up fails to create the container ("Unknown runtime specified nvidia"). It has io.containerd.runc.v2, runc; runtimes are set up in the engine\'s daemon.json (nvidia by the NVIDIA Container Toolkit).']]);
    assert.deepEqual(said([ask('runtime', 'runc'), ask('runtime', 'io.containerd.runc.v2')]), []);
  });

  it('a logging driver the engine neither ships nor has as a plugin is a warning; a plugin is found with or without its tag, and none is always there', () => {
    assert.deepEqual(said([ask('logging.driver', 'fluentbit')]).map(([code]) => code), ['log-driver-missing']);
    assert.match(said([ask('logging.driver', 'fluentbit')])[0]?.[1] ?? '', /no logging driver "fluentbit" of service "web": .*\("plugin "fluentbit" not found"\)/);
    assert.deepEqual(said([ask('logging.driver', 'json-file'), ask('logging.driver', 'loki'), ask('logging.driver', 'loki:latest'), ask('logging.driver', 'none')]), []);
  });

  it('says nothing of what the engine did not say', () => {
    const silent: EngineFacts = { cpus: Number.NaN, runtimes: new Set(), logDrivers: new Set() };
    assert.deepEqual(said([ask('cpus', '64'), ask('cpuset', '0-63'), ask('runtime', 'nvidia'), ask('logging.driver', 'x')], silent), []);
  });

  it('reads a cpuset\'s highest CPU, and nothing from what is no cpuset', () => {
    assert.equal(highestCpu('0-3,5'), 5);
    assert.equal(highestCpu('7, 1-2'), 7);
    assert.equal(highestCpu('a-b'), undefined);
    assert.equal(highestCpu(''), undefined);
  });
});

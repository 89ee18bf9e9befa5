import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { cpuWarnings, highestCpu } from '../../../client/src/docker/composeCpuStatus';
import type { ServiceCpuRequest } from '../../../common/src/protocol';

const range = { start: { line: 4, character: 10 }, end: { line: 4, character: 11 } };
const ask = (key: ServiceCpuRequest['key'], value: string): ServiceCpuRequest => ({ service: 'web', key, value, range });

describe('compose CPU requests against the engine', () => {
  it('a number of CPUs over the engine\'s is a warning naming both, in the engine\'s words; at or under it is none', () => {
    const [w] = cpuWarnings([ask('cpus', '4')], 2);
    assert.equal(w?.warning, 'cpus: 4 of service "web" is more than the 2 CPUs the Docker engine has: Compose Up fails to create the container ("Range of CPUs is from 0.01 to 2.00"). Ask for 2 or fewer, or run it on an engine with more CPUs.');
    assert.deepEqual(w?.range, range);
    assert.equal(cpuWarnings([ask('deploy.resources.limits.cpus', '2.5')], 2).length, 1);
    assert.deepEqual(cpuWarnings([ask('cpus', '2'), ask('cpus', '0.5'), ask('deploy.resources.limits.cpus', '2.0'), ask('cpus', 'lots')], 2), []);
  });

  it('a cpuset naming a CPU the engine lacks is a warning; one inside it is none', () => {
    assert.match(cpuWarnings([ask('cpuset', '0-7')], 2)[0]?.warning ?? '', /^cpuset 0-7 of service "web" names CPU 7, and the Docker engine has 2 CPUs \(0-1\): .*"Requested CPUs are not available"/);
    assert.equal(cpuWarnings([ask('cpuset', '0,2')], 2).length, 1);
    assert.deepEqual(cpuWarnings([ask('cpuset', '0-1'), ask('cpuset', '1'), ask('cpuset', 'x')], 2), []);
  });

  it('reads a cpuset\'s highest CPU, and nothing from what is no cpuset', () => {
    assert.equal(highestCpu('0-3,5'), 5);
    assert.equal(highestCpu('7, 1-2'), 7);
    assert.equal(highestCpu('a-b'), undefined);
    assert.equal(highestCpu(''), undefined);
  });

  it('says nothing when the engine did not say how many CPUs it has', () => {
    assert.deepEqual(cpuWarnings([ask('cpus', '64')], Number.NaN), []);
    assert.deepEqual(cpuWarnings([ask('cpus', '64')], 0), []);
  });
});

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { defaultStackName, formatReplicas, isValidStackName, notAManagerReason, stackDeployArgs } from '../../client/src/compose/stack';
import { exitCodeFromStatus, statusLabel, summarise } from '../../client/src/compose/state';

describe('service state from containers', () => {
  it('reads running, exited with the worst code, and not created', () => {
    assert.equal(statusLabel(summarise([{ State: 'running', Status: 'Up 3 minutes' }])), 'running');
    assert.equal(statusLabel(summarise([{ State: 'running', Status: 'Up 3 minutes (healthy)' }])), 'running (healthy)');
    assert.equal(statusLabel(summarise([{ State: 'running', Status: 'Up 1 second (health: starting)' }])), 'running (health: starting)');
    assert.equal(statusLabel(summarise([{ State: 'running', Status: 'Up 1 second' }, { State: 'running', Status: 'Up 1 minute (unhealthy)' }])), 'running 2/2 (unhealthy)');
    assert.equal(
      statusLabel(summarise([{ State: 'running', Status: 'Up 1 second' }, { State: 'exited', Status: 'Exited (1) 2 seconds ago' }])),
      'running 1/2',
    );
    assert.equal(
      statusLabel(summarise([{ State: 'exited', Status: 'Exited (0) 1 minute ago' }, { State: 'exited', Status: 'Exited (137) 5 seconds ago' }])),
      'exited (137)',
    );
    assert.equal(statusLabel(summarise([{ State: 'restarting', Status: 'Restarting (1) 2 seconds ago' }])), 'restarting');
    assert.equal(statusLabel(summarise([])), 'not created');
    assert.equal(exitCodeFromStatus('Exited (-1) now'), -1);
    assert.equal(exitCodeFromStatus('Up'), undefined);
  });
});

describe('stack helpers', () => {
  it('explains each reason an engine cannot deploy a stack', () => {
    assert.match(notAManagerReason({ localNodeState: 'inactive', isManager: false }, 'h')!, /not part of a Swarm.*docker swarm init/);
    assert.match(notAManagerReason({ localNodeState: 'active', isManager: false }, 'h')!, /worker, not a manager/);
    assert.match(notAManagerReason({ localNodeState: 'locked', isManager: false }, 'h')!, /locked/);
    assert.equal(notAManagerReason({ localNodeState: 'active', isManager: true }, 'h'), undefined);
  });

  it('builds deploy argv with every file, and names stacks as docker accepts', () => {
    assert.deepEqual(stackDeployArgs(['/a/compose.yaml', '/a/compose.override.yaml'], 'shop', { resolveImage: 'never' }), [
      'stack', 'deploy', '--compose-file', '/a/compose.yaml', '--compose-file', '/a/compose.override.yaml', '--resolve-image', 'never', 'shop',
    ]);
    assert.equal(defaultStackName('My App!'), 'my-app');
    assert.equal(defaultStackName('__x'), 'x');
    assert.ok(isValidStackName('shop_1'));
    assert.ok(!isValidStackName('-shop'));
    assert.ok(!isValidStackName('a b'));
  });

  it('formats replica counts', () => {
    assert.equal(
      formatReplicas([
        { name: 's_web', service: 'web', mode: 'replicated', running: 1, desired: 3 },
        { name: 's_agent', service: 'agent', mode: 'global', running: 1, desired: 1 },
      ]),
      'web 1/3, agent 1/1 (global)',
    );
  });
});

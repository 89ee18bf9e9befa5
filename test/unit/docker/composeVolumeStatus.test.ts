import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { volumeStatuses } from '../../../client/src/docker/composeVolumeStatus';
import type { VolumeInfo } from '../../../client/src/docker/volumes';

const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 6 } };
const engineVolume = (name: string, size?: number, service?: string): VolumeInfo => ({
  name,
  driver: 'local',
  mountpoint: '',
  labels: {},
  size,
  users: service ? [{ containerId: 'c', containerName: `p-${service}-1`, state: 'running', service, destination: '/d', readOnly: false }] : [],
  dangling: !service,
});

describe('compose volume status', () => {
  it('says an existing volume exists, with size and users', () => {
    const [s] = volumeStatuses([{ name: 'data', fullName: 'p_data', external: false, range }], new Map([['p_data', engineVolume('p_data', 2048, 'db')]]));
    assert.equal(s.exists, true);
    assert.equal(s.title, '$(database) p_data exists · 2.00 KiB · used by db');
    assert.equal(s.warning, undefined);
  });

  it('a volume not created yet is no warning: Compose Up creates it', () => {
    const [s] = volumeStatuses([{ name: 'data', fullName: 'p_data', external: false, range }], new Map());
    assert.equal(s.exists, false);
    assert.match(s.title, /not created yet/);
    assert.equal(s.warning, undefined);
  });

  it('a volume whose name the engine refuses is not promised to Compose Up', () => {
    const [s] = volumeStatuses([{ name: 'data', fullName: 'my data', external: false, range, refused: 'holds characters the local driver refuses' }], new Map());
    assert.equal(s.exists, false);
    assert.doesNotMatch(s.title, /Compose Up creates it/);
    assert.match(s.title, /my data cannot be created/);
    assert.equal(s.warning, undefined, 'the server already reports it as an error');
  });

  it('a missing external volume gets a warning naming it', () => {
    const [s] = volumeStatuses([{ name: 'shared', fullName: 'shared-data', external: true, range }], new Map([['other', engineVolume('other')]]));
    assert.equal(s.exists, false);
    assert.match(s.warning ?? '', /"shared-data" does not exist/);
    assert.deepEqual(s.range, range);
  });

  it('an existing external volume is fine, and unused ones say so', () => {
    const [s] = volumeStatuses([{ name: 'shared', fullName: 'shared-data', external: true }], new Map([['shared-data', engineVolume('shared-data')]]));
    assert.equal(s.warning, undefined);
    assert.match(s.title, /not in use/);
  });
});

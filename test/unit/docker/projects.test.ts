import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { formatPort, groupProjects, healthFromStatus, numberFromName, portMappings } from '../../../client/src/docker/projects';

function container(name: string, labels: Record<string, string>, extra: Partial<Docker.ContainerInfo> = {}): Docker.ContainerInfo {
  return {
    Id: `${name}-id`,
    Names: [`/${name}`],
    Image: 'img',
    ImageID: 'sha',
    Command: 'sh',
    Created: 0,
    Ports: [],
    Labels: labels,
    State: 'running',
    Status: 'Up 2 minutes',
    HostConfig: { NetworkMode: 'default' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
    ...extra,
  } as Docker.ContainerInfo;
}

const compose = (project: string, service: string, number?: string) => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  ...(number ? { 'com.docker.compose.container-number': number } : {}),
});

describe('projects from container labels', () => {
  it('groups by project and service, sorts replicas, counts running, ignores unlabelled containers', () => {
    const projects = groupProjects([
      container('shop-web-2', compose('shop', 'web', '2')),
      container('shop-web-1', compose('shop', 'web', '1'), { State: 'exited', Status: 'Exited (1) 3 seconds ago' }),
      container('shop-db-1', compose('shop', 'db', '1')),
      container('blog_app_1', compose('blog', 'app')),
      container('stray', {}),
    ]);
    assert.deepEqual(projects.map((p) => p.name), ['blog', 'shop']);
    const shop = projects[1];
    assert.deepEqual(shop.services.map((s) => s.name), ['db', 'web']);
    assert.deepEqual(shop.services[1].containers.map((c) => c.name), ['shop-web-1', 'shop-web-2']);
    assert.equal(shop.running, 2);
    assert.equal(shop.total, 3);
    assert.equal(projects[0].services[0].containers[0].number, 1, 'v1 name without the number label');
  });

  it('reads replica numbers from v1 and v2 names', () => {
    assert.equal(numberFromName('proj-web-3', 'proj', 'web'), 3);
    assert.equal(numberFromName('proj_web_12', 'proj', 'web'), 12);
    assert.equal(numberFromName('my-custom-name', 'proj', 'web'), undefined);
    assert.equal(numberFromName('proj-web-run-abc', 'proj', 'web'), undefined);
  });

  it('puts one-off (compose run) containers after the replicas', () => {
    const [p] = groupProjects([
      container('p-web-run-1a2b', { ...compose('p', 'web'), 'com.docker.compose.oneoff': 'True' }),
      container('p-web-1', compose('p', 'web', '1')),
    ]);
    assert.deepEqual(p.services[0].containers.map((c) => [c.name, c.oneoff]), [['p-web-1', false], ['p-web-run-1a2b', true]]);
  });

  it('reads health from the status text', () => {
    assert.equal(healthFromStatus('Up 5 minutes (healthy)'), 'healthy');
    assert.equal(healthFromStatus('Up 5 seconds (health: starting)'), 'starting');
    assert.equal(healthFromStatus('Up 1 minute (unhealthy)'), 'unhealthy');
    assert.equal(healthFromStatus('Up 1 minute'), undefined);
  });

  it('lists published ports once per binding (IPv4 and IPv6 together) and formats host -> container', () => {
    const ports = portMappings([
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '127.0.0.1', PrivatePort: 5432, PublicPort: 8001, Type: 'tcp' },
      { PrivatePort: 9000, Type: 'udp' } as Docker.Port,
    ]);
    assert.deepEqual(ports.map(formatPort), ['8080 → 80/tcp', '127.0.0.1:8001 → 5432/tcp', '9000/udp']);
  });

  it('collects named volume mounts and networks of a container', () => {
    const [p] = groupProjects([
      container('p-db-1', compose('p', 'db', '1'), {
        Mounts: [
          { Type: 'volume', Name: 'p_data', Source: '', Destination: '/var/lib/db', Driver: 'local', Mode: 'z', RW: true, Propagation: '' },
          { Type: 'bind', Source: '/host', Destination: '/x', Mode: '', RW: true, Propagation: '' },
        ],
        NetworkSettings: { Networks: { p_default: {} as never } },
      }),
    ]);
    const c = p.services[0].containers[0];
    assert.deepEqual(c.volumes, ['p_data']);
    assert.deepEqual(c.networks, ['p_default']);
  });
});

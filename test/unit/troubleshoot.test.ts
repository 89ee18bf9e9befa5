import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  explainFailure,
  findPortConflict,
  findRegistryProblem,
  publishedPorts,
  serviceFromContainerName,
} from '../../client/src/compose/troubleshoot';

const services = [
  { name: 'web', ports: ['8080:80', '127.0.0.1:9443:443/tcp'] },
  { name: 'db', ports: ['5432'] },
  { name: 'range', ports: ['9000-9002:9000-9002/udp'] },
];

describe('troubleshoot: ports', () => {
  it('reads the host ports an entry publishes', () => {
    assert.deepEqual(publishedPorts('8080:80'), [8080]);
    assert.deepEqual(publishedPorts('127.0.0.1:9443:443/tcp'), [9443]);
    assert.deepEqual(publishedPorts('[::1]:7000:7000'), [7000]);
    assert.deepEqual(publishedPorts('9000-9002:9000-9002/udp'), [9000, 9001, 9002]);
    assert.deepEqual(publishedPorts('5432'), []);
    assert.deepEqual(publishedPorts('${PORT}:80'), []);
  });

  it('names the service whose port is already allocated (Compose v2 message)', () => {
    const out =
      'Error response from daemon: driver failed programming external connectivity on endpoint shop-web-1 (1f2e): ' +
      'Bind for 0.0.0.0:8080 failed: port is already allocated';
    assert.deepEqual(findPortConflict(out, { services, projectName: 'shop' }), { port: 8080, hostIp: '0.0.0.0', service: 'web' });
    const f = explainFailure(out, { services, projectName: 'shop' });
    assert.equal(f?.kind, 'port-allocated');
    assert.match(f!.message, /Port 8080 is already allocated: service "web"/);
  });

  it('names the service from the message when there is no project info (v1)', () => {
    const out =
      'ERROR: for api  Cannot start service api: driver failed programming external connectivity on endpoint shop_api_1 (ab): ' +
      'Bind for 0.0.0.0:3000 failed: port is already allocated';
    assert.equal(findPortConflict(out)?.service, 'api');
    assert.equal(findPortConflict(out)?.port, 3000);
    assert.equal(serviceFromContainerName('shop_api_1', 'shop'), 'api');
    assert.equal(serviceFromContainerName('shop-my-api-2', 'shop'), 'my-api');
  });

  it('maps a port in a range and "address already in use"', () => {
    const out = 'Error starting userland proxy: listen udp4 0.0.0.0:9001: bind: address already in use';
    assert.deepEqual(findPortConflict(out, { services }), { port: 9001, hostIp: '0.0.0.0', service: 'range' });
  });
});

describe('troubleshoot: registry', () => {
  it('says a registry timeout is likely a proxy problem and how to set the engine proxy', () => {
    const out =
      ' web Pulling \n' +
      'Error response from daemon: Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)';
    const f = explainFailure(out);
    assert.equal(f?.kind, 'registry-network');
    assert.match(f!.message, /registry-1\.docker\.io/);
    assert.match(f!.message, /proxy/);
    // The notification stays short: the how-to is behind its button.
    const toast = `${f!.message} ${f!.advice}`;
    assert.ok(toast.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length <= 2, toast);
    assert.doesNotMatch(f!.advice, /daemon\.json|systemctl|Environment=/);
    assert.match(f!.advice, /engine/);
    const guide = f!.guide!;
    assert.equal(guide.button, 'How to Set a Proxy');
    for (const step of [/\/etc\/docker\/daemon\.json/, /"https-proxy"/, /docker\.service\.d\/http-proxy\.conf/, /HTTP_PROXY=/, /systemctl daemon-reload/, /Docker Desktop/]) {
      assert.match(guide.markdown, step);
    }
    // The daemon.json sample is JSON the engine can read.
    const json = /```json\n([\s\S]*?)```/.exec(guide.markdown)?.[1];
    assert.ok(json && JSON.parse(json).proxies['https-proxy']);
  });

  it('gives no guide where the advice fits the notification', () => {
    const f = explainFailure('Error response from daemon: driver failed programming external connectivity on endpoint shop-web-1 (abc): Bind for 0.0.0.0:8080 failed: port is already allocated');
    assert.equal(f?.kind, 'port-allocated');
    assert.equal(f!.guide, undefined);
  });

  it('recognises dial tcp and TLS handshake timeouts', () => {
    assert.equal(findRegistryProblem('Get "https://ghcr.io/v2/": net/http: TLS handshake timeout')?.registry, 'ghcr.io');
    assert.equal(
      findRegistryProblem('dial tcp: lookup registry-1.docker.io on 10.0.0.2:53: no such host')?.registry,
      'registry-1.docker.io',
    );
    assert.ok(findRegistryProblem('dial tcp 104.18.1.1:443: i/o timeout'));
    assert.equal(findRegistryProblem('Pulling web ... done'), undefined);
  });

  it('explains nothing for output it does not know', () => {
    assert.equal(explainFailure('something odd happened'), undefined);
  });
});

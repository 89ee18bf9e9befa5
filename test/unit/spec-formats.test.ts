// The small languages inside Compose strings: the parsers hover uses and the
// checks diagnostics report, on valid and invalid text.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { checkFormat, formatWarning, negativeSize } from '../../server/src/spec/formats';
import { isInterpolated } from '../../server/src/spec/interpolated';
import { isHostPath, parseVolumeShort } from '../../server/src/spec/mountPaths';
import { parsePortMapping } from '../../server/src/spec/portMappings';
import type { TextFormat } from '../../server/src/spec/types';

describe('parsePortMapping', () => {
  const cases: [string, ReturnType<typeof parsePortMapping>][] = [
    ['80', { hostIp: undefined, hostPorts: undefined, containerPorts: [80, 80], protocol: 'tcp' }],
    ['8080:80', { hostIp: undefined, hostPorts: [8080, 8080], containerPorts: [80, 80], protocol: 'tcp' }],
    ['8001:5432', { hostIp: undefined, hostPorts: [8001, 8001], containerPorts: [5432, 5432], protocol: 'tcp' }],
    ['53:53/udp', { hostIp: undefined, hostPorts: [53, 53], containerPorts: [53, 53], protocol: 'udp' }],
    ['9000/sctp', { hostIp: undefined, hostPorts: undefined, containerPorts: [9000, 9000], protocol: 'sctp' }],
    ['127.0.0.1:8080:80', { hostIp: '127.0.0.1', hostPorts: [8080, 8080], containerPorts: [80, 80], protocol: 'tcp' }],
    ['127.0.0.1::80', { hostIp: '127.0.0.1', hostPorts: undefined, containerPorts: [80, 80], protocol: 'tcp' }],
    ['0.0.0.0:5000-5010:5000-5010/udp', { hostIp: '0.0.0.0', hostPorts: [5000, 5010], containerPorts: [5000, 5010], protocol: 'udp' }],
    ['3000-3005', { hostIp: undefined, hostPorts: undefined, containerPorts: [3000, 3005], protocol: 'tcp' }],
    // A host range for one container port: Docker picks one free port of the range.
    ['8000-8010:80', { hostIp: undefined, hostPorts: [8000, 8010], containerPorts: [80, 80], protocol: 'tcp' }],
    ['[::1]:8080:80', { hostIp: '::1', hostPorts: [8080, 8080], containerPorts: [80, 80], protocol: 'tcp' }],
    ['[2001:db8::1]::443/tcp', { hostIp: '2001:db8::1', hostPorts: undefined, containerPorts: [443, 443], protocol: 'tcp' }],
    // Docker also reads an unbracketed IPv6 address: the last two parts are the ports.
    ['::1:6000:6000', { hostIp: '::1', hostPorts: [6000, 6000], containerPorts: [6000, 6000], protocol: 'tcp' }],
  ];
  for (const [text, expected] of cases) {
    it(`parses ${text}`, () => assert.deepEqual(parsePortMapping(text), expected));
  }

  for (const bad of ['', 'abc', '80:80:80:80', '70000:80', '80:0', '8080:80/http', '9000-8000:80', '8000-8010:80-81', '80:8000-8010', '[::1:8080:80', '[::1]8080:80', '[1.2.3.4]:80:80', '1.2.3.4:80', ':80:']) {
    it(`rejects '${bad}'`, () => assert.equal(parsePortMapping(bad), undefined));
  }
});

describe('parseVolumeShort', () => {
  const cases: [string, ReturnType<typeof parseVolumeShort>][] = [
    ['/data', { target: '/data', isBind: false }],
    ['dbdata:/var/lib/postgresql/data', { source: 'dbdata', target: '/var/lib/postgresql/data', mode: undefined, isBind: false }],
    ['./config:/etc/app:ro', { source: './config', target: '/etc/app', mode: 'ro', isBind: true }],
    ['../shared:/shared', { source: '../shared', target: '/shared', mode: undefined, isBind: true }],
    ['/var/run/docker.sock:/var/run/docker.sock', { source: '/var/run/docker.sock', target: '/var/run/docker.sock', mode: undefined, isBind: true }],
    ['~/.ssh:/root/.ssh:ro,z', { source: '~/.ssh', target: '/root/.ssh', mode: 'ro,z', isBind: true }],
    ['cache:/cache:nocopy', { source: 'cache', target: '/cache', mode: 'nocopy', isBind: false }],
    ['C:\\data:/data', { source: 'C:\\data', target: '/data', mode: undefined, isBind: true }],
    ['c:/Users/me/app:C:\\app:rw', { source: 'c:/Users/me/app', target: 'C:\\app', mode: 'rw', isBind: true }],
    ['\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine', { source: '\\\\.\\pipe\\docker_engine', target: '\\\\.\\pipe\\docker_engine', mode: undefined, isBind: true }],
    // A default inside `${...}` holds colons that do not split the parts.
    ['${DATA_DIR:-./data}:/data', { source: '${DATA_DIR:-./data}', target: '/data', mode: undefined, isBind: false }],
  ];
  for (const [text, expected] of cases) {
    it(`parses ${text}`, () => assert.deepEqual(parseVolumeShort(text), expected));
  }

  for (const bad of ['', 'data', 'dbdata:data', './a::/b', './a:/b:ro:z', 'my volume:/data', ':/data']) {
    it(`rejects '${bad}'`, () => assert.equal(parseVolumeShort(bad), undefined));
  }

  it('warns about an environment name with spaces (Compose and the engine take it; a shell cannot read it)', () => {
    assert.equal(checkFormat('env-entry', 'MY KEY=1'), undefined);
    assert.match(formatWarning('env-entry', 'MY KEY=1') ?? '', /^'MY KEY' contains spaces: Compose passes it on/);
    assert.equal(formatWarning('env-entry', 'KEY=a value with spaces'), undefined);
    assert.equal(formatWarning('env-entry', 'DEBUG = true'), "'DEBUG = true' sets 'DEBUG ' (with its spaces) to ' true': Compose keeps spaces around '='. Write DEBUG=true");
  });

  it('reads a volume with an option Compose drops, and warns about the option (the engine mounts it without)', () => {
    assert.deepEqual(parseVolumeShort('./a:/b:readonly'), { source: './a', target: '/b', mode: 'readonly', isBind: true });
    assert.equal(checkFormat('volume-short', './a:/b:readonly'), undefined);
    assert.match(formatWarning('volume-short', './a:/b:ro,readonly') ?? '', /^'readonly' is not a mount option: Compose drops it/);
    assert.equal(formatWarning('volume-short', './a:/b:ro,z'), undefined);
    assert.equal(formatWarning('volume-short', '${SRC}:/b:${MODE}'), undefined);
  });

  it('tells host paths from volume names as Compose does', () => {
    for (const p of ['/abs', './rel', '../up', '~/home', '.', 'C:\\x', 'd:/x', '\\\\server\\share']) assert.ok(isHostPath(p), p);
    for (const p of ['dbdata', 'my_vol.1', 'data/sub']) assert.ok(!isHostPath(p), p);
  });
});

describe('checkFormat', () => {
  const valid: [TextFormat, string][] = [
    ['duration', '10s'],
    ['duration', '1m30s'],
    ['duration', '1.5h'],
    ['duration', '300ms'],
    ['duration', '0'],
    ['duration', '2h45m10s'],
    // Go spells microseconds three ways: us, µs (micro sign) and μs (Greek mu).
    ['duration', '250us'],
    ['duration', '250\u00b5s'],
    ['duration', '250\u03bcs'],
    ['bytes', '512m'],
    ['bytes', '1gb'],
    ['bytes', '2G'],
    ['bytes', '1024'],
    ['bytes', '1.5GiB'],
    ['swap', '2g'],
    ['reservation', '256m'],
    ['port-mapping', '80'],
    ['port-mapping', '8080:80'],
    ['port-mapping', '127.0.0.1:5432:5432'],
    ['port-mapping', '[::1]:8080:80/tcp'],
    ['port-mapping', '${WEB_PORT}:80'],
    ['expose', '3000'],
    ['expose', '8000-8010'],
    ['expose', '53/udp'],
    ['cidr', '172.28.0.0/16'],
    ['cidr', 'fd00:1::/64'],
    ['cidr', '10.0.0.5/32'],
    ['ip-address', '172.28.0.1'],
    ['ip-address', 'fd00::1'],
    ['ipv4-address', '172.28.0.10'],
    ['ipv6-address', 'fd00::10'],
    ['volume-short', './data:/data:rw'],
    ['volume-short', 'logs:/var/log:ro,Z'],
    ['volume-short', './src:/app:cached'],
    ['volume-short', '${HOME}/x:/x'],
    ['service-dependency', 'db'],
    ['service-dependency', 'db:database'],
    ['env-entry', 'KEY=value'],
    ['env-entry', 'KEY'],
    ['env-entry', 'KEY='],
    ['env-entry', 'URL=http://x/?a=b'],
    ['extra-host', 'somehost:162.242.195.82'],
    ['extra-host', 'somehost=162.242.195.82'],
    ['extra-host', 'myhostv6=::1'],
    ['extra-host', 'myhostv6=[::1]'],
    ['extra-host', 'host.docker.internal:host-gateway'],
    ['extra-host', 'multi=10.0.0.1,10.0.0.2'],
    ['cpus', '0.5'],
    ['cpus', '2'],
    ['ulimit', '65535'],
    ['ulimit', '-1'],
    ['uri', 'https://github.com/docker/compose.git'],
    ['capability', 'NET_ADMIN'],
    ['capability', 'cap_sys_ptrace'],
    ['capability', 'ALL'],
    ['capability', 'PERFMON'],
    ['signal', 'SIGTERM'],
    ['signal', 'int'],
    ['signal', 'SIGRTMIN+3'],
    ['signal', 'RTMAX-14'],
    ['signal', '9'],
    ['absolute-path', '/app'],
    ['absolute-path', 'C:\\app'],
    ['tmpfs-mount', '/run'],
    ['tmpfs-mount', '/run:size=64m,mode=1777'],
    ['tmpfs-mount', '/run:size=10%,uid=1000,gid=1000,nr_inodes=1k,noexec,nosuid,rprivate,defaults'],
    ['tmpfs-mount', '/run:'],
    ['tmpfs-mount', '/run:size=0,mode=0755'],
    ['security-opt', 'no-new-privileges'],
    ['security-opt', 'no-new-privileges:true'],
    ['security-opt', 'no-new-privileges=false'],
    ['security-opt', 'seccomp=unconfined'],
    ['security-opt', 'apparmor:my-profile'],
    ['security-opt', 'label=type:svirt_apache_t'],
    ['mac-address', '02:42:ac:11:00:02'],
    ['mac-address', '02-42-AC-11-00-02'],
    ['mac-address', '0242.ac11.0002'],
    ['mac-address', '02:00:5e:10:00:00:00:01'],
    ['cpuset', '0-3'],
    ['cpuset', '0,2,4-7'],
    ['device-cgroup-rule', 'c 1:3 mr'],
    ['device-cgroup-rule', 'a *:* rwm'],
    // The engine's platform parser: one to three parts; a part may be in capitals (held to the engine in the docker tier).
    ['platform', 'linux/amd64'],
    ['platform', 'linux/arm/v7'],
    ['platform', 'LINUX/AMD64'],
    ['platform', 'amd64'],
    // A device from the root of the host, or a CDI name, which newer engines resolve.
    ['device', '/dev/null'],
    ['device', '/dev/ttyUSB0:/dev/serial:rw'],
    ['device', 'vendor.com/class=name'],
    ['device-path', '/dev/sda'],
    // Compose reads an IO rate as a size: a unit multiplies it (1k operations are 1,024).
    ['io-rate', '120'],
    ['io-rate', '1k'],
    // Compose normalises a project name; written empty it is none given.
    ['project-name', 'My Shop'],
    ['project-name', '_shop'],
    ['project-name', ''],
  ];
  for (const [format, text] of valid) {
    it(`accepts ${format} '${text}'`, () => assert.equal(checkFormat(format, text), undefined));
  }

  const invalid: [TextFormat, string, RegExp][] = [
    ['duration', '10', /not a duration.*30s/],
    ['duration', '1 minute', /not a duration/],
    ['duration', '5d', /not a duration/],
    ['bytes', '1 gigabyte', /not a size.*512m/],
    ['bytes', '12x', /not a size/],
    ['io-rate', 'fast', /'fast' is not a rate Compose reads: .*invalid size: 'fast'.*such as 120/],
    ['io-rate', '+1', /not a rate Compose reads/],
    ['project-name', '!!!', /'!!!' leaves no project name: .*project name must not be empty/],
    ['project-name', '__', /leaves no project name/],
    ['port-mapping', '80:80:80:80', /'80:80:80:80' is not a port mapping: .*\[HOST_IP:\]\[HOST_PORT:\]CONTAINER_PORT\[\/PROTOCOL\]/],
    ['port-mapping', '8080:80/http', /protocol 'http' is not tcp, udp or sctp/],
    ['port-mapping', '99999:80', /out of range/],
    ['port-mapping', '0', /out of range/],
    ['port-mapping', '9000-8000:80', /ends before it starts/],
    ['port-mapping', '8000-8002:80-81', /as many ports/],
    ['port-mapping', '127.0.0.1:80', /is an address, not a host port.*127\.0\.0\.1::80/],
    ['cidr', '10.5.0.0/33', /not a subnet/],
    ['cidr', 'fd00::/129', /not a subnet/],
    ['cidr', '10.5.0.0', /not a subnet/],
    ['cidr', '10.5.0.0/', /not a subnet/],
    ['ip-address', '10.5.0.300', /not an IP address/],
    ['ipv4-address', 'fd00::1', /not an IPv4 address.*ipv6_address/],
    ['ipv6-address', '10.0.0.1', /not an IPv6 address.*ipv4_address/],
    ['volume-short', './a:b', /must be absolute/],
    ['volume-short', './a:/b:ro:z', /too many colons/],
    ['volume-short', 'my vol:/data', /neither a host path .* nor a volume name/],
    ['service-dependency', 'db:a:b', /SERVICE:ALIAS/],
    ['service-dependency', 'my service', /not a service reference/],
    ['env-entry', '=value', /no name before '='/],
    ['extra-host', 'somehost', /HOST=IP or HOST:IP/],
    ['extra-host', 'somehost:not-an-ip', /not an IP address/],
    ['extra-host', 'multi=10.0.0.1,nope', /'nope' is not an IP address/],
    ['cpus', 'two', /not a number of CPUs/],
    ['cpus', '-1', /engine refuses a negative number/],
    ['ulimit', 'unlimited', /whole number/],
    ['uri', 'not a url', /not a URL/],
    ['capability', 'NOT_A_CAP', /not a Linux capability/],
    ['capability', 'CAP_', /not a Linux capability/],
    ['signal', 'NOTASIG', /not a signal/],
    ['signal', '0', /0 is not a signal/],
    ['signal', 'SIGRTMIN+16', /not a signal/],
    ['absolute-path', 'relative/dir', /not an absolute path/],
    ['absolute-path', '~/app', /not an absolute path/],
    ['tmpfs-mount', 'run:size=1m', /'run' is not an absolute path/],
    ['tmpfs-mount', '/run:nosymfollow', /'nosymfollow' is not a tmpfs option: the engine refuses the container \("invalid tmpfs option"\)/],
    ['tmpfs-mount', '/run:sise=64m', /'sise=64m' is not a tmpfs option/],
    ['tmpfs-mount', '/run:size', /'size' is not a tmpfs option/],
    ['tmpfs-mount', '/run:size=64mb', /'64mb' is not a size the kernel takes for a tmpfs: the container does not start \(the mount fails with "size=64mb: invalid argument"\)/],
    ['tmpfs-mount', '/run:size=1.5g', /not a size/],
    ['tmpfs-mount', '/run:size=', /'' is not a size/],
    ['tmpfs-mount', '/run:mode=999', /not a mode/],
    ['tmpfs-mount', '/run:uid=abc', /not a uid/],
    ['tmpfs-mount', '/run:nr_inodes=x', /not a nr_inodes/],
    ['security-opt', 'bogus', /not a security option/],
    ['security-opt', 'bogus=1', /not a security option/],
    ['security-opt', 'no-new-privileges=maybe', /not true or false/],
    ['mac-address', 'zz', /not a MAC address/],
    ['mac-address', '02:42:ac:11:00', /not a MAC address/],
    ['mac-address', '02:42-ac:11:00:02', /not a MAC address/],
    ['cpuset', 'x', /not a list of CPUs/],
    ['cpuset', '0-', /not a list of CPUs/],
    ['device-cgroup-rule', 'bogus', /not a device cgroup rule/],
    ['device-cgroup-rule', 'c 1:3 x', /not a device cgroup rule/],
    ['platform', 'linux/amd64/v1/x', /not a platform: .*"cannot parse platform specifier"/],
    ['platform', 'linux//amd64', /not a platform: .*"is an invalid component of"/],
    ['platform', 'linux/amd64/', /not a platform/],
    ['platform', 'linux/amd 64', /not a platform/],
    ['device', 'dev/null:/dev/null', /'dev\/null' is not a device path: .* like \/dev\/null$/],
    ['device', 'ttyUSB0', /like \/dev\/ttyUSB0$/],
    ['device-path', 'sda', /'sda' is not a device path/],
  ];
  for (const [format, text, message] of invalid) {
    it(`rejects ${format} '${text}'`, () => assert.match(checkFormat(format, text) ?? '(accepted)', message));
  }

  it('negativeSize: a negative size is refused as text by Compose; as a number, unlimited swap and no reservation, but refused as a memory limit or shm_size by the engine', () => {
    assert.equal(negativeSize('bytes', '512m', false), undefined);
    assert.equal(negativeSize('duration', '-1', true), undefined);
    for (const format of ['bytes', 'memory', 'reservation', 'swap', 'io-rate'] as const) assert.match(negativeSize(format, '-1', false)!, /invalid size: '-1'/, format);
    assert.equal(negativeSize('swap', '-1', true), '');
    assert.equal(negativeSize('reservation', '-5', true), '');
    assert.match(negativeSize('memory', '-1', true)!, /Minimum memory limit allowed is 6MB/);
    assert.match(negativeSize('bytes', '-1', true)!, /SHM size can not be less than 0/);
  });

  it('expose: text that is no port is a warning (Compose 2.26 and the engine take any text as written), never an error', () => {
    const noPort: [string, RegExp][] = [
      ['80/http', /protocol 'http' is not tcp, udp or sctp/],
      ['eighty', /not a port number or range/],
      ['0', /port 0 is out of range/],
      ['70000', /port 70000 is out of range/],
      ['80-70', /ends before it starts/],
      // A line break after the slash (a quoted "80/tcp\n"): judged, not thrown (a throw lost every format finding of the file).
      ['80/tcp\n', /protocol 'tcp\n' is not tcp/],
    ];
    for (const [text, why] of noPort) {
      assert.equal(checkFormat('expose', text), undefined, text);
      assert.match(formatWarning('expose', text) ?? '(no warning)', why, text);
      assert.match(formatWarning('expose', text)!, /take it as written, and no port is exposed/);
    }
    for (const text of ['3000', '8000-8010', '53/udp', '80/TCP']) assert.equal(formatWarning('expose', text), undefined, text);
  });

  it('restart: a count after on-failure that Compose cannot read is a warning (it is dropped: no limit); a count, +3, nothing or none at all is not', () => {
    for (const text of ['on-failure:x', 'on-failure:1.5', 'on-failure: 3']) assert.match(formatWarning('restart', text) ?? '(no warning)', /is not a count of retries: Compose drops it/, text);
    for (const text of ['on-failure:5', 'on-failure:+3', 'on-failure:', 'on-failure', 'always', 'on-failure:-1']) assert.equal(formatWarning('restart', text), undefined, text);
    assert.equal(checkFormat('restart', 'on-failure:x'), undefined);
  });

  it('capability: ALL in any case is every capability, but CAP_ALL is no capability the engine knows', () => {
    for (const text of ['ALL', 'all', 'NET_ADMIN', 'cap_net_admin']) assert.equal(checkFormat('capability', text), undefined, text);
    for (const text of ['CAP_ALL', 'cap_all']) assert.match(checkFormat('capability', text) ?? '(accepted)', /unknown capability: CAP_ALL.*Write ALL/, text);
  });

  it('never judges interpolated text, but does judge a literal $$', () => {
    assert.ok(isInterpolated('${PORT}:80'));
    assert.ok(isInterpolated('$PORT:80'));
    assert.ok(!isInterpolated('price$$'));
    // A $ before anything but a name or { stays as written (Compose 2.26: `80$:80` is the host port "80$", refused).
    for (const text of ['80$:80', '5$-m', 'cost $', '$5', '$ x', '$.', '$$$$']) assert.ok(!isInterpolated(text), text);
    for (const text of ['$_X', '${}', '${X', 'a$$$X', '$$${X}', 'x$Y']) assert.ok(isInterpolated(text), text);
    assert.match(checkFormat('bytes', '5$-m') ?? '', /not a size/);
    assert.equal(checkFormat('duration', '${TIMEOUT:-10s}'), undefined);
    assert.equal(checkFormat('bytes', '$MEM'), undefined);
    assert.match(checkFormat('bytes', '5$$') ?? '', /not a size/);
  });
});

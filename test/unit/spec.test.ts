// Our description of the Compose format, on its own: every key documented,
// patterns and references well formed, the enums completion needs. Its
// agreement with the official JSON schema is checked in the corpus tier
// (test/corpus/spec-schema.test.ts), which has the schema.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { childKeys, composeSpec, nameInScalar, specAtPath, walkSpec, type KeySpec } from '../../server/src/spec/index';

/** Every key path we describe, with its spec. */
const ours = new Map<string, KeySpec>();
walkSpec((path, spec) => ours.set(path, spec));

describe('spec tree', () => {
  it('gives every key a doc and an example', () => {
    const problems: string[] = [];
    for (const [path, spec] of ours) {
      if (!spec.doc || spec.doc.trim().length < 10) problems.push(`${path}: doc`);
      if (!spec.example || spec.example.trim() === '') problems.push(`${path}: example`);
    }
    assert.deepEqual(problems, []);
  });

  it('has well-formed patterns, values and key constraints', () => {
    for (const [path, spec] of ours) {
      if (spec.pattern) {
        const re = new RegExp(spec.pattern);
        if (spec.values && spec.kinds.includes('string')) {
          for (const v of spec.values) assert.match(String(v), re, `${path}: value ${v} fails its own pattern`);
        }
      }
      if (spec.keyPattern) new RegExp(spec.keyPattern);
      if (spec.keyPattern) assert.ok(spec.additional, `${path}: keyPattern without additional`);
      for (const r of spec.required ?? []) assert.ok(spec.properties?.[r], `${path}: requires unknown key ${r}`);
      for (const c of spec.commonKeys ?? []) assert.ok(spec.properties?.[c] && !spec.properties[c]!.deprecated, `${path}: ranks unknown or deprecated key ${c}`);
      assert.equal(new Set(spec.commonKeys).size, spec.commonKeys?.length ?? 0, `${path}: a common key listed twice`);
      for (const pair of spec.exclusive ?? []) {
        for (const k of pair) assert.ok(specAtPath(k.split('=')[0]!.split('.'), spec), `${path}: exclusive names unknown key ${k}`);
      }
      for (const when of [...(spec.requiredWhen ?? []), ...(spec.onlyWhen ?? [])]) {
        const on = spec.properties?.[when.key];
        assert.ok(on, `${path}: a condition on unknown key ${when.key}`);
        if (on.values && !on.openValues) assert.ok(on.values.includes(when.value), `${path}: ${when.key} never holds ${when.value}`);
        for (const k of when.keys) assert.ok(spec.properties?.[k], `${path}: a condition names unknown key ${k}`);
      }
      if (spec.refersToPrefix !== undefined) assert.ok(spec.refersTo, `${path}: refersToPrefix without refersTo`);
      if (spec.values) assert.ok(spec.values.length > 0, `${path}: empty values`);
      if (spec.properties || spec.additional) assert.ok(spec.kinds.includes('mapping'), `${path}: has keys but is not a mapping`);
      if (spec.items) assert.ok(spec.kinds.includes('list'), `${path}: has items but is not a list`);
    }
  });

  it('covers the enums completion needs', () => {
    const values = (path: (string | number)[]) => [...(specAtPath(path)?.values ?? [])].sort();
    assert.deepEqual(values(['services', 'web', 'restart']), ['always', 'no', 'on-failure', 'unless-stopped']);
    assert.deepEqual(values(['services', 'web', 'deploy', 'restart_policy', 'condition']), ['any', 'none', 'on-failure']);
    assert.deepEqual(values(['services', 'web', 'deploy', 'mode']), ['global', 'global-job', 'replicated', 'replicated-job']);
    assert.deepEqual(values(['services', 'web', 'ports', 0, 'protocol']), ['sctp', 'tcp', 'udp']);
    assert.deepEqual(values(['services', 'web', 'ports', 0, 'mode']), ['host', 'ingress']);
    assert.deepEqual(values(['services', 'web', 'depends_on', 'db', 'condition']), [
      'service_completed_successfully',
      'service_healthy',
      'service_started',
    ]);
    assert.ok(values(['services', 'web', 'pull_policy']).includes('missing'));
    assert.deepEqual(values(['services', 'web', 'network_mode']), ['bridge', 'host', 'none']);
    assert.equal(specAtPath(['services', 'web', 'network_mode'])?.openValues, true);
  });

  it('accepts restart and pull_policy forms that are not plain words', () => {
    const restart = new RegExp(specAtPath(['services', 'a', 'restart'])!.pattern!);
    assert.match('on-failure:5', restart);
    assert.match('', restart);
    // Compose reads +3, and drops a count it cannot read (the engine then restarts without limit).
    assert.match('on-failure:+3', restart);
    assert.match('on-failure:', restart);
    assert.match('on-failure:x', restart);
    // The engine refuses a negative count, and a count with any other policy.
    assert.doesNotMatch('on-failure:-1', restart);
    assert.doesNotMatch('always:3', restart);
    assert.doesNotMatch('sometimes', restart);
    const pull = new RegExp(specAtPath(['services', 'a', 'pull_policy'])!.pattern!);
    for (const ok of ['always', 'every_12h', 'every_2d12h', 'daily']) assert.match(ok, pull);
    for (const bad of ['every_', 'hourly', 'always-ish']) assert.doesNotMatch(bad, pull);
  });

  it('marks the deploy keys docker compose ignores as swarm-only, and not the ones it honours', () => {
    const deploy = ['services', 'a', 'deploy'];
    for (const k of ['placement', 'update_config', 'rollback_config', 'endpoint_mode', 'labels', 'mode']) {
      assert.equal(specAtPath([...deploy, k])?.swarmOnly, true, k);
    }
    for (const k of ['replicas', 'resources', 'restart_policy']) assert.notEqual(specAtPath([...deploy, k])?.swarmOnly, true, k);
    assert.equal(specAtPath([...deploy, 'restart_policy', 'window'])?.swarmOnly, true);
    assert.notEqual(specAtPath([...deploy, 'restart_policy', 'max_attempts'])?.swarmOnly, true);
  });

  it('says which values name services, networks, volumes, configs and secrets', () => {
    const refers = (path: (string | number)[]) => specAtPath(path)?.refersTo;
    assert.equal(refers(['services', 'a', 'depends_on', 0]), 'service');
    assert.equal(refers(['services', 'a', 'depends_on']), 'service');
    assert.equal(refers(['services', 'a', 'links', 0]), 'service');
    assert.equal(refers(['services', 'a', 'volumes_from', 0]), 'service');
    assert.equal(refers(['services', 'a', 'extends', 'service']), 'service');
    assert.equal(refers(['services', 'a', 'network_mode']), 'service');
    assert.equal(refers(['services', 'a', 'networks', 0]), 'network');
    assert.equal(refers(['services', 'a', 'networks']), 'network');
    assert.equal(refers(['services', 'a', 'volumes', 0]), 'volume');
    assert.equal(refers(['services', 'a', 'volumes', 0, 'source']), 'volume');
    assert.equal(refers(['services', 'a', 'secrets', 0]), 'secret');
    assert.equal(refers(['services', 'a', 'secrets', 0, 'source']), 'secret');
    assert.equal(refers(['services', 'a', 'configs', 0, 'source']), 'config');
    assert.equal(refers(['services', 'a', 'build', 'secrets', 0]), 'secret');
  });

  it('marks mutually exclusive keys', () => {
    assert.deepEqual(specAtPath(['services', 'a'])?.exclusive, [['network_mode', 'networks']]);
    assert.ok(specAtPath(['volumes', 'v'])?.exclusive?.some(([a, b]) => a === 'name' && b === 'external.name'));
    assert.ok(specAtPath(['networks', 'n'])?.exclusive?.some(([a, b]) => a === 'name' && b === 'external.name'));
    assert.ok(specAtPath(['configs', 'c'])?.exclusive?.some(([a, b]) => a === 'file' && b === 'content'));
  });
});

describe('specAtPath and childKeys', () => {
  it('walks properties, user-chosen keys and list items', () => {
    assert.equal(specAtPath([]), composeSpec);
    assert.deepEqual(specAtPath(['services', 'db', 'ports', 0, 'target'])?.kinds, ['integer', 'string']);
    assert.equal(specAtPath(['services', 'db', 'ports', 0])?.format, 'port-mapping');
    assert.equal(specAtPath(['services', 'db', 'environment', 'PGDATA'])?.kinds.includes('null'), true);
    assert.equal(specAtPath(['services', 'db', 'environment', 3])?.format, 'env-entry');
    assert.equal(specAtPath(['services', 'db', 'deploy', 'resources', 'limits', 'memory'])?.format, 'memory');
    assert.equal(specAtPath(['services', 'db', 'healthcheck', 'interval'])?.format, 'probe-duration');
    assert.equal(specAtPath(['services', 'db', 'stop_grace_period'])?.format, 'duration');
    assert.equal(specAtPath(['volumes', 'data', 'external', 'name'])?.deprecated !== undefined, true);
  });

  it('answers undefined for x-* keys and unknown keys; a storage option is any name, read as text', () => {
    assert.equal(specAtPath(['x-common']), undefined);
    assert.equal(specAtPath(['x-common', 'image']), undefined);
    assert.equal(specAtPath(['services', 'web', 'x-tool']), undefined);
    assert.equal(specAtPath(['services', 'web', 'imagee']), undefined);
    assert.deepEqual(specAtPath(['services', 'web', 'storage_opt', 'size'])?.kinds, ['string', 'integer', 'null']);
    assert.equal(specAtPath(['services', 'web', 'image', 'nested']), undefined);
    assert.equal(specAtPath(['unknown']), undefined);
  });

  it('a service name that looks like an extension is still a service', () => {
    // `services` takes any name matching its key pattern; only mappings that allow x-* treat them as free.
    assert.ok(specAtPath(['services', 'x-web', 'image']));
  });

  it('lists the keys of a mapping for completion', () => {
    const top = childKeys(composeSpec).map(([k]) => k).sort();
    assert.deepEqual(top, ['configs', 'include', 'models', 'name', 'networks', 'secrets', 'services', 'version', 'volumes']);
    const service = childKeys(specAtPath(['services', 'web'])!).map(([k]) => k);
    for (const k of ['image', 'build', 'develop', 'provider', 'pre_start', 'post_start', 'gpus', 'models', 'use_api_socket']) {
      assert.ok(service.includes(k), k);
    }
    assert.deepEqual(childKeys(specAtPath(['services', 'web', 'image'])!), []);
  });
});

describe('nameInScalar', () => {
  const at = (...path: (string | number)[]) => specAtPath(path)!;
  it('finds the name in each referencing syntax', () => {
    assert.deepEqual(nameInScalar(at('services', 'a', 'depends_on', 0), 'db'), { name: 'db', offset: 0 });
    assert.deepEqual(nameInScalar(at('services', 'a', 'links', 0), 'db:database'), { name: 'db', offset: 0 });
    assert.deepEqual(nameInScalar(at('services', 'a', 'volumes_from', 0), 'db:ro'), { name: 'db', offset: 0 });
    assert.equal(nameInScalar(at('services', 'a', 'volumes_from', 0), 'container:backup'), undefined);
    assert.deepEqual(nameInScalar(at('services', 'a', 'network_mode'), 'service:vpn'), { name: 'vpn', offset: 8 });
    assert.equal(nameInScalar(at('services', 'a', 'network_mode'), 'host'), undefined);
    assert.deepEqual(nameInScalar(at('services', 'a', 'volumes', 0), 'dbdata:/var/lib/data:ro'), { name: 'dbdata', offset: 0 });
    assert.equal(nameInScalar(at('services', 'a', 'volumes', 0), './data:/data'), undefined);
    assert.equal(nameInScalar(at('services', 'a', 'volumes', 0), '/data'), undefined);
    assert.deepEqual(nameInScalar(at('services', 'a', 'secrets', 0), 'db_password'), { name: 'db_password', offset: 0 });
    assert.equal(nameInScalar(at('services', 'a', 'image'), 'nginx'), undefined);
  });
});

describe('spec size', () => {
  it('describes several hundred key paths', () => {
    // The corpus tier checks them one by one against the schema's 325 properties.
    assert.ok(ours.size > 300, `only ${ours.size} key paths`);
  });
});

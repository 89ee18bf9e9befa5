// Our description of the Compose format, checked against the official JSON
// schema (../shared/compose-spec/compose-spec.json) used as an oracle: every
// key it defines must be known to us with the same types and enums, and we
// must not invent keys. Where we deliberately differ, the lists below say why.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { childKeys, composeSpec, nameInScalar, specAtPath, walkSpec, type KeySpec } from '../../server/src/spec/index';

const repoRoot = resolve(__dirname, '..', '..');
const schemaPath = resolve(repoRoot, '..', 'shared', 'compose-spec', 'compose-spec.json');

// ------------------------------------------------------------- the oracle

type Json = { [key: string]: any };

interface SchemaFacts {
  types: Set<string>;
  enums: unknown[];
  required: Set<string>;
  /** The object allows `x-*` keys. */
  extensions: boolean;
  /** The object has `additionalProperties: false`. */
  closed: boolean;
  deprecated: boolean;
}

const KIND_OF: Record<string, string> = {
  string: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  null: 'null',
  object: 'mapping',
  array: 'list',
};

function loadSchemaFacts(): Map<string, SchemaFacts> {
  const schema: Json = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const defs: Json = schema.$defs ?? schema.definitions ?? {};
  const facts = new Map<string, SchemaFacts>();

  const factsAt = (path: string): SchemaFacts => {
    let f = facts.get(path);
    if (!f) {
      f = { types: new Set(), enums: [], required: new Set(), extensions: false, closed: false, deprecated: false };
      facts.set(path, f);
    }
    return f;
  };

  const resolveRef = (node: Json): Json => {
    let n = node;
    while (typeof n.$ref === 'string') {
      const name = n.$ref.split('/').pop()!;
      const { $ref: _ref, ...rest } = n;
      n = { ...defs[name], ...rest };
    }
    return n;
  };

  const walk = (raw: Json, path: string, depth: number) => {
    assert.ok(depth < 40, `schema recursion too deep at ${path}`);
    const node = resolveRef(raw);
    const f = factsAt(path);
    const types: string[] = node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
    for (const t of types) f.types.add(KIND_OF[t] ?? t);
    if (Array.isArray(node.enum)) f.enums.push(...node.enum);
    if (node.deprecated === true) f.deprecated = true;
    const isObject = types.includes('object') || node.properties !== undefined;
    if (isObject) {
      for (const r of node.required ?? []) f.required.add(r);
      if (node.additionalProperties === false) f.closed = true;
    }
    for (const branch of [...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? [])]) walk(branch, path, depth + 1);
    for (const [name, child] of Object.entries<Json>(node.properties ?? {})) walk(child, path ? `${path}.${name}` : name, depth + 1);
    for (const [pattern, child] of Object.entries<Json>(node.patternProperties ?? {})) {
      if (pattern === '^x-') {
        // The schema also puts `^x-` beside an array (gpus); only objects can have keys.
        if (isObject) f.extensions = true;
        continue;
      }
      walk(child, `${path}.*`, depth + 1);
    }
    if (node.additionalProperties && typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${path}.*`, depth + 1);
    if (node.items) walk(node.items, `${path}[]`, depth + 1);
  };

  walk(schema, '', 0);
  return facts;
}

function loadOurSpecs(): Map<string, KeySpec> {
  const ours = new Map<string, KeySpec>();
  walkSpec((path, spec) => ours.set(path, spec));
  return ours;
}

const schema = loadSchemaFacts();
const ours = loadOurSpecs();

// ------------------------------------------- where we differ, and why

/** Paths we describe that the schema does not have. */
const OUR_EXTRA_PATHS: Record<string, string> = {};

/** Kinds that differ from the schema's types: path -> reason. */
const KIND_DIFFERENCES: Record<string, string> = {};

/** Required keys we add beyond the schema: "path key" -> reason. */
const EXTRA_REQUIRED: Record<string, string> = {
  'services.*.ports[] target': 'A long-form port without `target` has no container port: Docker refuses to publish it.',
  'services.*.volumes[] target': 'Docker refuses a mount without a target ("field Target must not be empty").',
};

/** Deprecations the schema does not mark: path -> reason. */
const EXTRA_DEPRECATED: Record<string, string> = {
  'secrets.*.external.name':
    'The schema marks external.name deprecated for networks, volumes and configs but forgot secrets; Compose treats all four alike.',
};

// ------------------------------------------------------------------ tests

describe('spec against the Compose JSON schema', () => {
  it('reads a schema with hundreds of paths (the oracle itself works)', () => {
    assert.ok(schema.size > 300, `only ${schema.size} schema paths: is ${schemaPath} the Compose schema?`);
    assert.ok(schema.has('services.*.deploy.resources.limits.cpus'));
    assert.ok(schema.has('services.*.ports[].host_ip'));
  });

  it('knows every property path the schema defines', () => {
    const missing = [...schema.keys()].filter((p) => !ours.has(p));
    assert.deepEqual(missing, [], `paths in the schema that our spec lacks:\n${missing.join('\n')}`);
  });

  it('defines no key the schema lacks (except the listed ones)', () => {
    const extra = [...ours.keys()].filter((p) => !schema.has(p) && !(p in OUR_EXTRA_PATHS));
    assert.deepEqual(extra, [], `paths in our spec that the schema lacks:\n${extra.join('\n')}`);
  });

  it('has the same enums as the schema', () => {
    const sorted = (v: readonly unknown[] | undefined) => [...new Set((v ?? []).map(String))].sort();
    let checked = 0;
    for (const [path, facts] of schema) {
      if (facts.enums.length === 0) continue;
      checked++;
      assert.deepEqual(sorted(ours.get(path)?.values), sorted(facts.enums), `values of ${path}`);
      assert.notEqual(ours.get(path)?.openValues, true, `${path} is a closed enum in the schema`);
    }
    assert.ok(checked >= 8, `only ${checked} enums checked`);
  });

  it('accepts the same kinds of values as the schema', () => {
    const problems: string[] = [];
    for (const [path, facts] of schema) {
      if (facts.types.size === 0 || path in KIND_DIFFERENCES) continue;
      const ourKinds = [...(ours.get(path)?.kinds ?? [])].sort();
      const theirs = [...facts.types].sort();
      if (ourKinds.join() !== theirs.join()) problems.push(`${path}: ours [${ourKinds}] schema [${theirs}]`);
    }
    assert.deepEqual(problems, []);
  });

  it('requires at least the keys the schema requires', () => {
    const problems: string[] = [];
    for (const [path, facts] of schema) {
      const ourRequired = new Set(ours.get(path)?.required ?? []);
      for (const r of facts.required) if (!ourRequired.has(r)) problems.push(`${path} must require ${r}`);
      for (const r of ourRequired) if (!facts.required.has(r) && !(`${path} ${r}` in EXTRA_REQUIRED)) problems.push(`${path} requires ${r}, the schema does not`);
    }
    assert.deepEqual(problems, []);
  });

  it('allows x-* extension keys exactly where the schema does', () => {
    const problems: string[] = [];
    for (const [path, facts] of schema) {
      const spec = ours.get(path);
      if (facts.extensions && !spec?.extensions) problems.push(`${path} should allow x-* keys`);
      if (spec?.extensions && !facts.extensions && facts.closed) problems.push(`${path} allows x-* keys, the schema does not`);
    }
    assert.deepEqual(problems, []);
  });

  it('marks what the schema deprecates', () => {
    for (const [path, facts] of schema) {
      if (facts.deprecated) assert.ok(ours.get(path)?.deprecated, `${path} is deprecated in the schema`);
    }
    for (const [path, spec] of ours) {
      if (spec.deprecated && !schema.get(path)?.deprecated) assert.ok(path in EXTRA_DEPRECATED, `${path} is deprecated only by us: list why`);
    }
  });
});

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
      for (const pair of spec.exclusive ?? []) {
        for (const k of pair) assert.ok(specAtPath(k.split('.'), spec), `${path}: exclusive names unknown key ${k}`);
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
    assert.doesNotMatch('on-failure:', restart);
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
    assert.equal(specAtPath(['services', 'db', 'deploy', 'resources', 'limits', 'memory'])?.format, 'bytes');
    assert.equal(specAtPath(['services', 'db', 'healthcheck', 'interval'])?.format, 'duration');
    assert.equal(specAtPath(['volumes', 'data', 'external', 'name'])?.deprecated !== undefined, true);
  });

  it('answers undefined for x-* keys, unknown keys and free-form mappings', () => {
    assert.equal(specAtPath(['x-common']), undefined);
    assert.equal(specAtPath(['x-common', 'image']), undefined);
    assert.equal(specAtPath(['services', 'web', 'x-tool']), undefined);
    assert.equal(specAtPath(['services', 'web', 'imagee']), undefined);
    assert.equal(specAtPath(['services', 'web', 'storage_opt', 'size']), undefined);
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
    assert.ok(ours.size >= schema.size, `${ours.size} of ${schema.size}`);
  });
});

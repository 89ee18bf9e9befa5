// Our description of the Compose format, checked against the official JSON
// schema (the compose-spec.json that withExternalData finds) used as an
// oracle: every key it defines must be known to us with the same types and
// enums, and we must not invent keys. Where we deliberately differ, the lists
// below say why. The spec's own consistency is checked without the schema in
// test/unit/spec.test.ts.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { walkSpec, type KeySpec } from '../../server/src/spec/index';
import { withExternalData } from '../support/externalData';

// ------------------------------------------------------------- the oracle

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON Schema is read loosely, as the oracle it is
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

function loadSchemaFacts(schemaPath: string): Map<string, SchemaFacts> {
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

const ours = loadOurSpecs();

// ------------------------------------------- where we differ, and why

/** Paths we describe that the schema does not have. */
const OUR_EXTRA_PATHS: Record<string, string> = {
  'services.*.storage_opt.*': 'One storage driver option, inside the open object the schema leaves: Compose decodes each as text and refuses a fraction, a boolean, a list or a mapping.',
  ...Object.fromEntries(
  ['bridge.name', 'bridge.enable_icc', 'bridge.enable_ip_masquerade', 'bridge.host_binding_ipv4', 'bridge.inhibit_ipv4', 'driver.mtu', 'container_iface_prefix'].map((option) => [
    `networks.*.driver_opts.com.docker.network.${option}`,
    'An option the engine\'s bridge driver reads, inside the free-form driver_opts the schema leaves open: described for completion and hover, and any other option is taken as before.',
  ]),
  ),
};

/** Kinds that differ from the schema's types: path -> reason (each held to Compose 2.26.1 in test/docker/compose-verdicts.test.ts and engine-verdicts.test.ts). */
const KIND_DIFFERENCES: Record<string, string> = {
  'include[]': 'Compose skips an entry with nothing (`- `), which the schema does not allow.',
  'services.*.build.additional_contexts.*': 'Compose reads every value as a path or URL and stops with a panic on a number, a boolean or nothing.',
  'services.*.expose[]': 'Compose refuses a number with a fraction ("unsupported expose value"): a whole number or text.',
  'services.*.group_add[]': 'Compose decodes a group as text and refuses a number with a fraction ("expected type \'string\'").',
  'services.*.pid': 'Compose stops with a panic on `pid:` with no value ("interface {} is nil, not string"), which the schema allows.',
  'secrets.*.driver_opts.*': 'Compose decodes a secret\'s options as text and refuses a number with a fraction (a network\'s or volume\'s it takes).',
  // Compose decodes these as numbers and refuses a string, written or given by a variable ("got unconvertible type 'string'").
  'services.*.blkio_config.weight': 'A whole number only: Compose refuses a string.',
  'services.*.blkio_config.weight_device[].weight': 'A whole number only: Compose refuses a string.',
  'services.*.volumes[].tmpfs.mode': 'A number only: Compose refuses a string.',
  'services.*.build.secrets[].mode': 'A number only: Compose refuses a string in a build secret\'s mode (a service\'s it reads).',
  'services.*.build.ulimits.*': 'A whole number or a mapping: Compose refuses a string in a build\'s ulimits (a service\'s it reads).',
  'services.*.build.ulimits.*.soft': 'A whole number only: a string stops Compose with a panic.',
  'services.*.build.ulimits.*.hard': 'A whole number only: a string stops Compose with a panic.',
};

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

withExternalData('spec against the Compose JSON schema', ['composeSchema'], ({ composeSchema }) => {
  const schema = loadSchemaFacts(composeSchema);

  describe('spec against the Compose JSON schema', () => {
    it('reads a schema with hundreds of paths (the oracle itself works)', () => {
      assert.ok(schema.size > 300, `only ${schema.size} schema paths: is ${composeSchema} the Compose schema?`);
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

  describe('spec size', () => {
    it('describes several hundred key paths', () => {
      assert.ok(ours.size >= schema.size, `${ours.size} of ${schema.size}`);
    });
  });
});

// The JSON schema of the Compose specification as an oracle for our format
// diagnostics: on every corpus file, ajv (on the file as plain data) and
// Dockhand (its format rules) must agree on whether the file is valid. Every
// disagreement is listed below with why; an unlisted one fails, and so does a
// listed one that no longer disagrees.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parseDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri } from '../../server/src/model/workspace';
import { FORMAT_RULES } from '../../server/src/diagnostics/rules/formatRules';
import { placedPath, readManifest, corpusService } from './corpusFiles';
import { withExternalData } from '../support/externalData';
import { tableProblems, type KnownDisagreement } from './knownDisagreements';

/** Our diagnostics that speak about the format: what the schema can also see. */
const FORMAT_CODES = new Set([...FORMAT_RULES.map((r) => r.code), 'legacy-layout']);

type Verdict = 'we-reject' | 'schema-rejects';

/**
 * Where we and the schema disagree, by file: 'we-reject' means we report a
 * format error the schema does not; 'schema-rejects' the other way round.
 */
const NAME_AND_EXTERNAL_NAME = 'compose-go refuses `name` beside `external.name` ("name and external.name conflict; only use name"); the schema lets both through';
const NETWORK_MODE_AND_NETWORKS = 'network_mode with networks: Compose refuses the pair (network_mode takes the service off its networks); the schema cannot say "not both"';
const PORT_PROTOCOL = 'ports protocol "http"/"https": the schema takes any string, but Docker only knows tcp, udp and sctp and refuses to create the container; our spec lists those three';

const EXTERNAL_VOLUME = 'an external volume with driver, driver_opts or labels: Compose refuses it ("conflicting parameters"); the schema lets them through';
const DROPPED_DUPLICATE = 'the same port twice: the schema says unique items, but Compose drops the repeat and loads the file, so Dockhand only warns';

const DISAGREEMENTS: Record<string, KnownDisagreement<Verdict>> = {
  'valid/compose-go/loader/testdata/extends/base.yaml': {
    kind: 'schema-rejects',
    why: 'an empty service (`nil:`): the schema wants a mapping, Compose loads it as a service with no settings (TestExtendsNil extends it); we follow Compose',
  },
  'valid/compose-go/loader/full-example.yml': { kind: 'we-reject', why: NETWORK_MODE_AND_NETWORKS },
  'valid/compose-go/inline/override__merge_mem_test/TestMemLimitMixed_2.yaml': {
    kind: 'we-reject',
    why: 'mem_limit: 1: the schema takes any size; the engine refuses a memory limit under 6 MB when it creates the container',
  },
  'valid/compose-go/inline/loader_tests__sysctls_test/TestSysctls_1.yaml': {
    kind: 'we-reject',
    why: 'made-up sysctls testing.one.*: the schema takes any name; the engine refuses a setting in no namespace the container has when it starts it',
  },
  'valid/compose-go/inline/loader_tests__cpu_test/TestCPUFields_1.yaml': {
    kind: 'we-reject',
    why: 'cpus beside cpu_period and cpu_quota: the schema takes each; the engine refuses the two ways of limiting CPU time together when it creates the container',
  },
  'valid/compose-go/inline/loader__loader_test/TestLoadInvalidIsolation_1.yaml': {
    kind: 'we-reject',
    why: 'isolation: invalid: the schema takes any string; the engine refuses any word but default, process or hyperv when it creates the container',
  },
  'valid/compose-go/inline/loader__loader_test/TestBadServiceConfig_1.yaml': { kind: 'we-reject', why: NETWORK_MODE_AND_NETWORKS },
  'invalid/compose-go/inline/loader__loader_test/TestLoadVolumeInvalidExternalNameAndNameCombination_1.yaml': { kind: 'we-reject', why: NAME_AND_EXTERNAL_NAME },
  'invalid/compose-go/inline/loader__loader_test/TestLoadSecretInvalidExternalNameAndNameCombination_1.yaml': { kind: 'we-reject', why: NAME_AND_EXTERNAL_NAME },
  'invalid/compose-go/inline/loader__loader_test/TestLoadNetworkInvalidExternalNameAndNameCombination_1.yaml': { kind: 'we-reject', why: NAME_AND_EXTERNAL_NAME },
  'valid/compose-go/inline/override__merge_links_test/TestMergeExtraLinksSequence_2.yaml': {
    kind: 'we-reject',
    why: 'links entry "service2=alias1": links are SERVICE or SERVICE:ALIAS; the schema only asks for strings; a merge unit test that never loads the file',
  },
  'valid/compose-go/inline/override__merge_links_test/TestMergeExtraLinksSequence_3.yaml': { kind: 'we-reject', why: 'the same "service2=alias1" links entry' },
  'valid/compose-go/inline/transform__defaults_test/TestRegisterDefaultValue_3.yaml': { kind: 'we-reject', why: PORT_PROTOCOL },
  'valid/compose-go/inline/transform__defaults_test/TestRegisterDefaultValue_4.yaml': { kind: 'we-reject', why: PORT_PROTOCOL },
  'valid/compose-go/inline/transform__defaults_test/TestRegisterDefaultValue_13.yaml': { kind: 'we-reject', why: PORT_PROTOCOL },
  'valid/compose-go/inline/transform__defaults_test/TestRegisterDefaultValue_14.yaml': { kind: 'we-reject', why: PORT_PROTOCOL },
  'valid/compose-go/inline/types__types_test/TestMarhsall_1.yaml': {
    kind: 'we-reject',
    why: 'bind mounts without `target`: nothing can be mounted without a container path, and our spec requires it; the schema only requires `type` (a marshalling unit test)',
  },
  // Checks `docker compose config` makes beyond the schema (each seen refused by Compose 2.26 in the Compose oracle test).
  'valid/compose-go/inline/loader__loader_test/TestInvalidExternalAndDriverCombination_1.yaml': { kind: 'we-reject', why: EXTERNAL_VOLUME },
  'valid/compose-go/inline/loader__loader_test/TestInvalidExternalAndDirverOptsCombination_1.yaml': { kind: 'we-reject', why: EXTERNAL_VOLUME },
  'valid/compose-go/inline/loader__loader_test/TestInvalidExternalAndLabelsCombination_1.yaml': { kind: 'we-reject', why: EXTERNAL_VOLUME },
  'valid/compose-go/inline/loader__loader_test/TestLoadBindMountSourceMustNotBeEmpty_1.yaml': { kind: 'we-reject', why: 'a bind mount without source: Compose refuses it ("field Source must not be empty"); the schema only requires `type`' },
  'valid/compose-go/inline/loader__loader_test/TestServiceDeviceRequestCountInvalidStringType_1.yaml': { kind: 'we-reject', why: 'device count "some_string": the schema takes any string, Compose only `all` or a number' },
  'valid/compose-go/inline/loader__loader_test/TestServiceDeviceRequestCountAndDeviceIdsExclusive_1.yaml': { kind: 'we-reject', why: 'device count with device_ids: Compose refuses the pair ("attributes are exclusive"); the schema cannot say "not both"' },
  'valid/compose-go/inline/loader_tests__template_driver_test/TestSecretDriver_1.yaml': { kind: 'we-reject', why: 'a secret with neither file nor environment: Compose refuses it ("must declare either `file` or `environment`"); the schema requires neither' },
  'valid/docker-compose/main/pkg/e2e/fixtures/build-test/platforms/compose-service-platform-not-in-build-platforms.yaml': { kind: 'we-reject', why: 'platform outside build.platforms: Compose refuses it; the schema cannot relate two keys' },
  'valid/compose-go/inline/override__uncity_test/Test_PortsShortUnicity_1.yaml': { kind: 'schema-rejects', why: DROPPED_DUPLICATE },
  'valid/compose-go/inline/override__uncity_test/Test_PortsLongtUnicity_1.yaml': { kind: 'schema-rejects', why: DROPPED_DUPLICATE },
};

interface Outcome {
  readonly schemaValid: boolean;
  readonly schemaErrors: string;
  readonly weReject: boolean;
  readonly ours: string;
}

withExternalData('corpus: the JSON schema as an oracle for format diagnostics', ['corpus', 'composeSchema'], ({ corpus, composeSchema }) => {
  const manifest = readManifest(corpus);
  const outcomes = new Map<string, Outcome>();
  /** Files that cannot be turned into plain data (syntax errors, alias cycles or bombs): the schema cannot judge them. */
  const unjudged = new Map<string, string>();

  before(() => {
    const ajv = new Ajv2020({ allErrors: false, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(composeSchema, 'utf8')));
    const service = corpusService();
    for (const record of manifest) {
      const text = fs.readFileSync(path.join(corpus, record.path), 'utf8');
      const doc = parseDocument(text, { merge: true, uniqueKeys: true });
      let data: unknown;
      let why = doc.errors[0]?.message;
      if (!why) {
        try {
          data = doc.toJS({ maxAliasCount: 10_000 });
        } catch (error) {
          why = (error as Error).message;
        }
      }
      const file = placedPath(corpus, record);
      const uri = pathToUri(file);
      if (file !== path.join(corpus, record.path)) service.documentChanged(TextDocument.create(uri, 'dockercompose', 1, text));
      const format = service.diagnostics(uri).filter((d) => d.severity === 1 && FORMAT_CODES.has(String(d.code)));
      if (why) {
        unjudged.set(record.path, why);
        continue;
      }
      const schemaValid = validate(data) as boolean;
      outcomes.set(record.path, {
        schemaValid,
        schemaErrors: ajv.errorsText(validate.errors),
        weReject: format.length > 0,
        ours: format.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`).join(' | '),
      });
    }
  });

  test('the schema judges nearly every corpus file', () => {
    assert.ok(outcomes.size > 990, `only ${outcomes.size} files could be judged`);
    // The unjudged ones are files that are no single plain document: duplicate keys, alias cycles or bombs, several documents.
    for (const [file, why] of unjudged) assert.match(why, /Map keys must be unique|Excessive alias count|Maximum call stack|multiple documents/i, `${file}: ${why}`);
  });

  test('our format diagnostics agree with the JSON schema on every file, except the explained ones', () => {
    let agree = 0;
    const found = new Map<string, Verdict | undefined>();
    for (const [file, o] of outcomes) {
      const disagree = o.weReject === o.schemaValid;
      if (!disagree) agree++;
      found.set(file, disagree ? (o.weReject ? 'we-reject' : 'schema-rejects') : undefined);
    }
    const show = (file: string) => {
      const o = outcomes.get(file)!;
      return `  schema: ${o.schemaValid ? 'valid' : o.schemaErrors}; dockhand: ${o.ours || 'no format error'}`;
    };
    assert.deepEqual(tableProblems({ name: 'DISAGREEMENTS', table: DISAGREEMENTS, manifest, found, expected: (listed) => listed.kind, show }), []);
    console.log(`schema oracle: ${agree}/${outcomes.size} files agree; ${Object.keys(DISAGREEMENTS).length} explained disagreements; ${unjudged.size} not judged (duplicate keys, alias cycles or bombs, several documents: no single plain document to give the schema)`);
  });
});

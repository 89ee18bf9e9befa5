// Compose itself as the oracle: on every corpus file, `docker compose -f FILE
// config -q` (Compose v2, run in the file's folder with a clean environment)
// and Dockhand must agree on whether Compose loads the file:
// - Compose loads it: Dockhand reports no error;
// - Compose refuses it: Dockhand reports an error, or, in a file that may be
//   one of several `-f` files (not named like a Compose file), the warning
//   that says another file may complete it (PARTIAL_NOTE): Compose run on
//   such a file alone is not how it is used.
// Every other disagreement is in KNOWN, with one of three reasons; an
// unlisted one fails, and so does a listed one that no longer disagrees.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { pathToUri } from '../../server/src/model/workspace';
import { PARTIAL_NOTE } from '../../server/src/diagnostics/rules/partialFile';
import { openPlaced, readManifest, corpusService } from './corpusFiles';
import { composeVerdicts, type ComposeVerdict } from './composeOracle';
import { withExternalData } from '../support/externalData';
import { tableProblems, type KnownDisagreement } from './knownDisagreements';
// @ts-ignore: plain ESM script without types; its exports are documented there.
import { ensureComposeV2 } from '../../scripts/compose-v2.mjs';

/**
 * The kinds of known disagreement:
 * - 'a': Compose 2.26 predates a spec feature that Dockhand accepts;
 * - 'b': the refusal depends on the run-time environment (a variable set when Compose runs);
 * - 'c': Dockhand is deliberately stricter, because the engine refuses the file at `up`.
 */
type Kind = 'a' | 'b' | 'c';

const MODELS = 'top-level and service `models`, newer than Compose 2.26';
const PRE_START = 'service `pre_start` hooks, newer than Compose 2.26';
const PROVIDER = 'service `provider`, newer than Compose 2.26';
const INITIAL_SYNC = '`develop.watch[].initial_sync`, newer than Compose 2.26';
const WATCH_INCLUDE = '`develop.watch[].include`, newer than Compose 2.26';
const IMAGE_MOUNT = 'volume mounts of `type: image`, newer than Compose 2.26';
const INTERFACE_NAME = 'service network `interface_name`, newer than Compose 2.26';
const PULL_POLICY = '`pull_policy` `refresh`/`daily`/`weekly`/`every_<duration>`, newer than Compose 2.26';
const RAW_ENV_FILE = 'env_file `format: raw`, newer than Compose 2.26 (which refuses every format)';
const PROVENANCE = 'build `provenance`/`sbom` attestations, newer than Compose 2.26';
const NO_CACHE_FILTER = 'build `no_cache_filter`, newer than Compose 2.26';
const USE_API_SOCKET = 'service `use_api_socket`, newer than Compose 2.26';
const RESET_CYCLE = 'one anchor used by two services: Compose 2.26\'s `!reset` support reports a false "cycle detected"; later Compose loads it (compose-go\'s TestResetCycle expects it to load)';

/**
 * Files Compose is not asked about, because its verdict is not a fact about the file: Compose 2.26 spends
 * minutes and gigabytes expanding this one's 3^10 small aliases (later Compose bounds alias expansion and loads
 * it quickly, as compose-go's TestAliasBombPrevented expects), so whether it "loads" within any time limit
 * depends on the machine. Dockhand gives it no error, as for every valid corpus file (diagnostics.test.ts).
 */
const NOT_ASKED: Record<string, string> = {
  'valid/compose-go/inline/loader__reset_test/TestAliasBombPrevented_1.yaml': 'Compose 2.26 expands 3^10 aliases for minutes: its verdict depends on the time it is given',
};

const CONTAINER_NAME_CONFLICT = "two services set one container_name; Compose loads the file, and its own end-to-end test of a name conflict runs `up` on it for the engine to refuse the second container (\"container name is already in use\", held to the engine in test/docker/engine-verdicts.test.ts)";

const OWN_PORT_TWICE = 'one service publishes host port 8080 on 127.0.0.1, on every address and on 127.0.0.2 (compose-go\'s test of which repeated mappings Compose drops); Compose loads it, and the engine binds the port once and refuses to start the container ("address already in use": these two files, and the shapes in test/docker/engine-verdicts.test.ts)';

const KNOWN: Record<string, KnownDisagreement<Kind>> = {
  'valid/compose-go/inline/override__uncity_test/Test_PortsLongtUnicity_1.yaml': { kind: 'c', why: OWN_PORT_TWICE },
  'valid/compose-go/inline/override__uncity_test/Test_PortsLongtUnicity_2.yaml': { kind: 'c', why: OWN_PORT_TWICE },
  'valid/compose-go/inline/loader_tests__sysctls_test/TestSysctls_1.yaml': { kind: 'c', why: 'sysctls testing.one.one and testing.one.two, names compose-go\'s test of the list and mapping forms makes up; the engine\'s runtime refuses any setting outside the namespaces a container has ("sysctl testing.one.one is not in a separate kernel namespace", the shapes held to the engine in test/docker/engine-verdicts.test.ts)' },
  'valid/compose-go/inline/loader_tests__cpu_test/TestCPUFields_1.yaml': { kind: 'c', why: 'compose-go\'s test of reading every CPU key sets cpus beside cpu_period and cpu_quota; Compose loads it, and the engine refuses the container ("Conflicting options: Nano CPUs and CPU Period cannot both be set", held to the engine in test/docker/engine-verdicts.test.ts)' },
  'valid/compose-go/inline/loader__loader_test/TestLoadInvalidIsolation_1.yaml': { kind: 'c', why: 'isolation: invalid, which compose-go\'s test loads on purpose; the engine refuses any word but default, process or hyperv when it creates the container (a Linux engine all but default: "Invalid isolation", held to the engine in test/docker/engine-verdicts.test.ts)' },
  'valid/docker-compose/main/pkg/e2e/testdata/TestUpContainerNameConflict/compose.yaml': { kind: 'c', why: CONTAINER_NAME_CONFLICT },
  'valid/docker-compose/v2.40.x/pkg/e2e/fixtures/container_name/compose.yaml': { kind: 'c', why: CONTAINER_NAME_CONFLICT },
  'valid/compose-go/inline/loader__loader_test/TestLoadDevelopConfig_1.yaml': { kind: 'a', why: INITIAL_SYNC },
  'valid/compose-go/inline/loader__loader_test/TestWithoutUnnecessaryResourcesOption_AllResourceKinds_1.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/loader__normalize_test/TestNormalizePreStartInheritsServiceImage_1.yaml': { kind: 'a', why: PRE_START },
  'valid/compose-go/inline/loader__normalize_test/TestNormalizePreStartInheritsServiceImage_2.yaml': { kind: 'a', why: PRE_START },
  'valid/compose-go/inline/loader_tests__build_extra_test/TestBuildAttestations_1.yaml': { kind: 'a', why: PROVENANCE },
  'valid/compose-go/inline/loader_tests__build_extra_test/TestBuildNoCacheFilter_1.yaml': { kind: 'a', why: NO_CACHE_FILTER },
  'valid/compose-go/inline/loader_tests__develop_test/TestDevelopWatch_1.yaml': { kind: 'a', why: INITIAL_SYNC },
  'valid/compose-go/inline/loader_tests__interface_name_test/TestInterfaceName_1.yaml': { kind: 'a', why: INTERFACE_NAME },
  'valid/compose-go/inline/loader_tests__provider_test/TestProvider_1.yaml': { kind: 'a', why: PROVIDER },
  'valid/compose-go/inline/loader_tests__pull_policy_test/TestPullRefreshAfter_1.yaml': { kind: 'a', why: PULL_POLICY },
  'valid/compose-go/inline/loader_tests__service_hooks_test/TestPreStartInheritsServiceImage_1.yaml': { kind: 'a', why: PRE_START },
  'valid/compose-go/inline/loader_tests__service_hooks_test/TestServiceHooks_1.yaml': { kind: 'a', why: PRE_START },
  'valid/compose-go/inline/loader_tests__use_api_socket_test/TestUseAPISocket_1.yaml': { kind: 'a', why: USE_API_SOCKET },
  'valid/compose-go/inline/loader_tests__volumes_test/TestImageVolume_1.yaml': { kind: 'a', why: IMAGE_MOUNT },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlModelsCompleteScenario_1.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlModelsCompleteScenario_3.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlModelsRuntimeFlagsMerge_1.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlModelsRuntimeFlagsMerge_2.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlServiceModelsLongSyntax_1.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlServiceModelsLongSyntax_3.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlServiceModelsMixed_3.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlServiceModelsOverride_1.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlServiceModelsOverride_3.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlServiceModelsShortSyntax_1.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlServiceModelsShortSyntax_3.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlTopLevelModels_1.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlTopLevelModels_2.yaml': { kind: 'a', why: MODELS },
  'valid/compose-go/inline/override__merge_models_test/Test_mergeYamlTopLevelModels_3.yaml': { kind: 'a', why: MODELS },
  'valid/docker-compose/main/pkg/e2e/fixtures/watch/exec.yaml': { kind: 'a', why: INITIAL_SYNC },
  'valid/docker-compose/main/pkg/e2e/fixtures/watch/include.yaml': { kind: 'a', why: WATCH_INCLUDE },
  'valid/docker-compose/main/pkg/e2e/testdata/TestComposeModel/compose.yaml': { kind: 'a', why: MODELS },
  'valid/docker-compose/main/pkg/e2e/testdata/TestDependsOnMultipleProviders/compose.yaml': { kind: 'a', why: PROVIDER },
  'valid/docker-compose/main/pkg/e2e/testdata/TestImageVolume/compose.yaml': { kind: 'a', why: IMAGE_MOUNT },
  'valid/docker-compose/main/pkg/e2e/testdata/TestImageVolumeImageAlreadyLocal/compose.yaml': { kind: 'a', why: IMAGE_MOUNT },
  'valid/docker-compose/main/pkg/e2e/testdata/TestImageVolumeRecreateOnRebuild/compose.yaml': { kind: 'a', why: IMAGE_MOUNT },
  'valid/docker-compose/main/pkg/e2e/testdata/TestInterfaceName/compose.yaml': { kind: 'a', why: INTERFACE_NAME },
  'valid/docker-compose/main/pkg/e2e/testdata/TestPreStartHookBuildInheritance/compose.yaml': { kind: 'a', why: PRE_START },
  'valid/docker-compose/main/pkg/e2e/testdata/TestPreStartHookForceRecreate/compose.yaml': { kind: 'a', why: PRE_START },
  'valid/docker-compose/main/pkg/e2e/testdata/TestPreStartHookInError/compose.yaml': { kind: 'a', why: PRE_START },
  'valid/docker-compose/main/pkg/e2e/testdata/TestPreStartHookMidSequenceFailure/compose.yaml': { kind: 'a', why: PRE_START },
  'valid/docker-compose/main/pkg/e2e/testdata/TestPreStartHookReRunOnSpecChange/compose.yaml': { kind: 'a', why: PRE_START },
  'valid/docker-compose/main/pkg/e2e/testdata/TestPreStartHookRunsOnceForScaledService/compose.yaml': { kind: 'a', why: PRE_START },
  'valid/docker-compose/main/pkg/e2e/testdata/TestPreStartHookSequentialOrder/compose.yaml': { kind: 'a', why: PRE_START },
  'valid/docker-compose/main/pkg/e2e/testdata/TestPreStartHookSuccess/compose.yaml': { kind: 'a', why: PRE_START },
  'valid/docker-compose/main/pkg/e2e/testdata/TestProviderRawSetEnv/compose.yaml': { kind: 'a', why: PROVIDER },
  'valid/docker-compose/main/pkg/e2e/testdata/TestProviderRawSetEnvOverridesInheritedEnv/compose.yaml': { kind: 'a', why: PROVIDER },
  'valid/docker-compose/main/pkg/e2e/testdata/TestProviderRawSetEnvOverridesInheritedEnvMapForm/compose.yaml': { kind: 'a', why: PROVIDER },
  'valid/docker-compose/main/pkg/e2e/testdata/TestProviderRawSetEnvOverridesUserEnv/compose.yaml': { kind: 'a', why: PROVIDER },
  'valid/docker-compose/main/pkg/e2e/testdata/TestProviderStopHook/compose.yaml': { kind: 'a', why: PROVIDER },
  'valid/docker-compose/main/pkg/e2e/testdata/TestPullRefreshWindowExplicitPull/compose.yaml': { kind: 'a', why: PULL_POLICY },
  'valid/docker-compose/main/pkg/e2e/testdata/TestRawEnvFile/compose.yaml': { kind: 'a', why: RAW_ENV_FILE },
  'valid/docker-compose/v2.40.x/pkg/e2e/fixtures/dotenv/raw.yaml': { kind: 'a', why: RAW_ENV_FILE },
  'valid/docker-compose/v2.40.x/pkg/e2e/fixtures/volumes/compose.yaml': { kind: 'a', why: IMAGE_MOUNT },
  'valid/compose-go/inline/loader__reset_test/TestResetCycle_5.yaml': { kind: 'a', why: RESET_CYCLE },
  'valid/compose-go/inline/loader__loader_test/TestInterpolateInt_1.yaml': { kind: 'b', why: 'scale: ${FOO_SCALE}, unset here: Compose casts the empty string and fails; the test sets FOO_SCALE (Dockhand warns unset-variable)' },
  'valid/docker-compose/main/pkg/e2e/fixtures/logs-test/cat.yaml': { kind: 'b', why: 'volume ${FILE}:/text_file.txt, unset here, leaves ":/text_file.txt"; the e2e test sets FILE (Dockhand warns unset-variable)' },
  'valid/docker-compose/main/pkg/e2e/testdata/TestImagesAfterImageRemoved/compose.yaml': { kind: 'b', why: 'image: ${REMOVED_IMAGE}, unset here, leaves no image; the e2e test sets it (Dockhand warns unset-variable)' },
  'valid/docker-compose/main/pkg/e2e/testdata/TestUpImageID/compose.yaml': { kind: 'b', why: 'image: ${ID:?...}: a required variable the e2e test sets (Dockhand warns that Compose refuses while it is unset)' },
  'valid/docker-compose/main/pkg/e2e/testdata/TestUpWithBuildDependencies/compose.yaml': { kind: 'b', why: 'image: ${BUILT_IMAGE} on a service without build, unset here; the e2e test sets it (Dockhand warns unset-variable)' },
  'valid/docker-compose/v1/tests/fixtures/tagless-image/docker-compose.yml': { kind: 'b', why: 'image: ${IMAGE_ID}, which the v1 test sets to the id of an image it builds (Dockhand warns unset-variable)' },
  'valid/docker-compose/main/inline/cmd_compose__options_test/TestDisplayInterpolationVariables_1.yaml': { kind: 'b', why: '${TEST_VAR:?required}: a required variable the test sets (Dockhand warns that Compose refuses while it is unset)' },
};

const askable = <T extends { path: string }>(records: readonly T[]): T[] => records.filter((r) => !(r.path in NOT_ASKED));

withExternalData('corpus: Compose itself as the oracle', ['corpus'], ({ corpus }) => {
  const manifest = readManifest(corpus);
  let compose: { path: string; version: string } | undefined;
  let skipped: string | undefined;
  const verdicts = new Map<string, ComposeVerdict>();
  const results = new Map<string, Diagnostic[]>();
  let asked = 0;

  before(async () => {
    try {
      compose = (await ensureComposeV2()) as { path: string; version: string };
    } catch (error) {
      if (process.env.CI === 'true') throw new Error(`Compose v2 is needed for the Compose oracle and could not be provisioned: ${(error as Error).message}`);
      skipped = `Compose oracle skipped: no Compose v2 (${(error as Error).message.split('\n')[0]}); run node scripts/compose-v2.mjs`;
      console.log(skipped);
      return;
    }
    // An empty environment, as Compose gets: unset-variable results do not depend on who runs the tests.
    const service = corpusService();
    const projectFiles = new Map<string, string[]>();
    for (const record of manifest) {
      const { file, uri } = openPlaced(service, corpus, record);
      // The files Compose loads together (main + override): Compose's verdict is on all of them, so ours is too.
      const files = service.projectInfo(uri)?.files ?? [file];
      const together = files.includes(file) ? files : [file];
      projectFiles.set(record.path, together);
      results.set(record.path, together.flatMap((f) => service.diagnostics(pathToUri(f))));
    }
    const answer = await composeVerdicts(compose.path, compose.version, corpus, askable(manifest), (r) => projectFiles.get(r.path) ?? []);
    asked = answer.asked;
    for (const [file, verdict] of answer.verdicts) verdicts.set(file, verdict);
  });

  type Outcome = 'agree' | 'agree-partial' | 'dockhand-stricter' | 'dockhand-missed';

  function outcome(file: string): Outcome {
    const refused = verdicts.get(file)!.code !== 0;
    const list = results.get(file) ?? [];
    const errors = list.some((d) => d.severity === 1);
    if (!refused) return errors ? 'dockhand-stricter' : 'agree';
    if (errors) return 'agree';
    return list.some((d) => d.severity === 2 && String(d.message).endsWith(PARTIAL_NOTE)) ? 'agree-partial' : 'dockhand-missed';
  }

  const show = (file: string) => {
    const compose = verdicts.get(file)!;
    const ours = (results.get(file) ?? []).filter((d) => d.severity === 1 || d.severity === 2);
    return (
      `  Compose: ${compose.code === 0 ? 'loads it' : `refuses it: ${compose.message.split('\n').pop()}`}\n` +
      `  Dockhand: ${ours.length === 0 ? 'nothing' : ours.map((d) => `${d.severity === 1 ? 'error' : 'warning'} ${d.code} ${d.message}`).join('\n            ')}`
    );
  };

  test('Compose and Dockhand agree on whether Compose loads each corpus file (known disagreements listed with why)', (t) => {
    if (skipped) return t.skip(skipped);
    const counts: Record<Outcome, number> = { agree: 0, 'agree-partial': 0, 'dockhand-stricter': 0, 'dockhand-missed': 0 };
    const found = new Map<string, Outcome | undefined>();
    for (const record of askable(manifest)) {
      const result = outcome(record.path);
      counts[result]++;
      found.set(record.path, result === 'dockhand-stricter' || result === 'dockhand-missed' ? result : undefined);
    }
    // Which kind of disagreement each entry is, the next test checks.
    const problems = [...tableProblems({ name: 'KNOWN', table: KNOWN, manifest, found, show }), ...tableProblems({ name: 'NOT_ASKED', table: NOT_ASKED, manifest })];
    const perKind = { a: 0, b: 0, c: 0 };
    for (const { kind } of Object.values(KNOWN)) perKind[kind]++;
    console.log(
      `Compose ${compose!.version} oracle (${asked} files asked, the rest from the cache): ${manifest.length} files (${Object.keys(NOT_ASKED).length} not asked: its verdict depends on time), ` +
        `${counts.agree} agree, ${counts['agree-partial']} refused alone but partial files Dockhand warns about, ` +
        `${counts['dockhand-stricter'] + counts['dockhand-missed']} known disagreements (a: ${perKind.a}, b: ${perKind.b}, c: ${perKind.c})`,
    );
    assert.deepEqual(problems, []);
  });

  test('each known disagreement is of kind a, b or c, and a kind-c entry says how we know the engine refuses it', (t) => {
    if (skipped) return t.skip(skipped);
    for (const [file, { kind, why }] of Object.entries(KNOWN)) {
      assert.ok(['a', 'b', 'c'].includes(kind), `${file}: kind ${kind}`);
      assert.ok(why.length > 20, `${file}: say why`);
      if (kind === 'a') assert.equal(outcome(file), 'dockhand-missed', `${file}: kind a is a file Compose 2.26 refuses and Dockhand accepts`);
      if (kind === 'c') assert.equal(outcome(file), 'dockhand-stricter', `${file}: kind c is a file Compose loads and Dockhand refuses`);
    }
  });
});

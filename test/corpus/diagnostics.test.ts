// The corpus tier for diagnostics: every file of ../shared/corpus through the
// same LanguageService the server and `dockhand check` use, in-process.
//
// - `expected: valid`, `kind: compose`: no error, except the files listed in
//   VALID_BUT_REFUSED (each with why Compose itself refuses it as written).
// - `kind: legacy-v1`: exactly one diagnostic, `legacy-layout`.
// - `expected: invalid`: at least one error whose message says what the
//   source test expects (CAUGHT), or listed in MISSED with the reason.
// Both lists are exact: a listed file that changes outcome fails the test, so
// they stay true.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { openPlaced, readManifest, type CorpusRecord, corpusService } from './corpusFiles';
import { withExternalData } from '../support/externalData';

const REMOTE_LOADER = 'a `remote:` path for a resource loader that only the Go test registers; real Compose looks for it as a file, does not find it, and refuses';

/** Valid in their source test, refused by Compose as written: the source test skips the check, or builds the rest at run time. */
const VALID_BUT_REFUSED: Record<string, { codes: string[]; why: string }> = {
  'valid/compose-go/inline/override__merge_mem_test/TestMemLimitMixed_2.yaml': {
    codes: ['invalid-format'],
    why: 'mem_limit: 1: Compose loads it, the engine refuses a memory limit under 6 MB (test/corpus/compose-oracle.test.ts, kind c)',
  },
  'valid/docker-compose/main/pkg/e2e/testdata/TestUpContainerNameConflict/compose.yaml': {
    codes: ['container-name-conflict'],
    why: 'two services set one container_name: Compose loads it, the engine refuses the second container at up (test/corpus/compose-oracle.test.ts, kind c)',
  },
  'valid/docker-compose/v2.40.x/pkg/e2e/fixtures/container_name/compose.yaml': {
    codes: ['container-name-conflict'],
    why: 'two services set one container_name: Compose loads it, the engine refuses the second container at up (test/corpus/compose-oracle.test.ts, kind c)',
  },
  'valid/compose-go/inline/loader_tests__sysctls_test/TestSysctls_1.yaml': {
    codes: ['host-sysctl'],
    why: 'made-up sysctls testing.one.*: Compose loads them, the engine refuses to start a container with a setting in no namespace of its own (test/corpus/compose-oracle.test.ts, kind c)',
  },
  'valid/compose-go/inline/loader_tests__cpu_test/TestCPUFields_1.yaml': {
    codes: ['conflicting-limits'],
    why: 'cpus beside cpu_period and cpu_quota: Compose loads them, the engine refuses the container (test/corpus/compose-oracle.test.ts, kind c)',
  },
  'valid/compose-go/inline/loader__loader_test/TestLoadInvalidIsolation_1.yaml': {
    codes: ['invalid-value'],
    why: 'isolation: invalid: Compose loads it, the engine refuses it when it creates the container (test/corpus/compose-oracle.test.ts, kind c)',
  },
  'valid/compose-go/loader/testdata/compose-depends-on-profile-no-cycle.yaml': {
    codes: ['dependency-cycle'],
    why: 'byte for byte the same as invalid/compose-go/loader/testdata/compose-depends-on-cycle.yaml; its test activates a profile that leaves the cycle out, which the file alone cannot say',
  },
  'valid/compose-go/loader/full-example.yml': {
    codes: ['exclusive-keys', 'container-name-replicas', 'network-mode-conflict'],
    why: "compose-go's kitchen-sink parsing fixture, loaded with the consistency check off: network_mode with networks, and container_name with 6 replicas, which `docker compose config` refuses; and ports, hostname, dns and links beside network_mode container:ID, which the engine refuses at up",
  },
  'valid/compose-go/inline/loader__extends_test/TestExtendsWihtMissingService_1.yaml': {
    codes: ['missing-required-key'],
    why: 'extends without `service`: the JSON schema requires it (ajv agrees); the test is about that missing service',
  },
  'valid/compose-go/inline/loader__normalize_test/TestNormalizeImplicitDependencies_2.yaml': {
    codes: ['invalid-value'],
    why: 'a normalisation unit test that never validates: cgroup "service:bar" is outside the schema\'s enum (host, private); ajv agrees',
  },
  'valid/compose-go/inline/loader__override_test/TestOverridePartial_2.yaml': {
    codes: ['missing-required-key'],
    why: 'a merge unit test; the file\'s own comment says "This is invalid according to json schema as condition is required"',
  },
  'valid/compose-go/inline/transform__defaults_test/TestRegisterDefaultValue_14.yaml': {
    codes: ['invalid-value'],
    why: 'a defaults unit test with ports protocol "http": the schema takes any string, but Docker only knows tcp, udp and sctp and fails to create the container',
  },
  'valid/compose-go/inline/loader__extends_test/TestLoadExtendsSameFile_2.yaml': { codes: ['extends-file-not-found'], why: 'extends sub/compose.yaml, which the test writes to a temporary folder at run time' },
  'valid/compose-go/inline/loader__extends_test/TestLoadExtendsListenerMultipleFiles_2.yaml': { codes: ['extends-file-not-found'], why: 'extends ./sub/compose.yaml, written by the test at run time' },
  'valid/compose-go/inline/loader__loader_test/TestLoadExtendsMultipleFiles_3.yaml': { codes: ['extends-file-not-found'], why: 'extends ./a/compose.yaml and ./b/compose.yaml, written by the test at run time' },
  'valid/compose-go/inline/loader__override_test/TestOverrideMiddle_2.yaml': { codes: ['extends-file-not-found'], why: 'extends ./base.yaml, written by the test at run time' },
  'valid/compose-go/inline/loader__override_test/TestOverrideMiddle_3.yaml': { codes: ['extends-file-not-found'], why: 'extends ./override.yaml, written by the test at run time' },
  'valid/docker-compose/main/pkg/e2e/testdata/TestPublishWithExtends/compose.yaml': { codes: ['extends-file-not-found'], why: 'extends common.yaml, which is not in the corpus' },
  'valid/docker-compose/main/inline/pkg_compose_transform__replace_test/TestReplace_6.yaml': { codes: ['extends-file-not-found'], why: 'extends.file is the placeholder "REPLACED" that the test swaps for a real path' },
  'valid/compose-go/loader/testdata/remote/nested/compose.yaml': { codes: ['extends-file-not-found'], why: REMOTE_LOADER },
  'valid/compose-go/inline/loader__loader_test/TestLoadWithRemoteResources_1.yaml': { codes: ['extends-file-not-found'], why: REMOTE_LOADER },
  'valid/compose-go/inline/loader__loader_test/TestLoadWithNestedResources_1.yaml': { codes: ['include-not-found'], why: REMOTE_LOADER },
  'valid/compose-go/loader/testdata/include/dir/compose.yaml': { codes: ['missing-env-file'], why: 'env_file extra.env is not in the corpus; `docker compose config` refuses it ("env file ... not found")' },
  'valid/docker-compose/main/inline/pkg_compose__publish_test/Test_checkEnvironmentVariables_with_env_silences_env_prompt_1.yaml': {
    codes: ['missing-env-file'],
    why: 'env_file ./app.env, which the test writes at run time; without it `docker compose config` refuses the file',
  },
  'valid/docker-compose/main/pkg/e2e/fixtures/env_file/compose.yaml': {
    codes: ['missing-env-file'],
    why: 'serviceB names /doesnotexist/.env: `docker compose config` refuses the project ("env file /doesnotexist/.env not found"); the e2e test only runs serviceA',
  },
  'valid/compose-go/inline/loader__include_test/TestLoadWithMultipleInclude_1.yaml': {
    codes: ['include-conflict'],
    why: 'the same file included twice, once with an env_file that sets the variable its container_name uses: Compose 2.26 refuses the two different "imported" services ("conflicts with imported resource")',
  },
  'valid/compose-go/inline/loader__include_test/TestLoadWithMultipleIncludeConflict_1.yaml': {
    codes: ['include-conflict'],
    why: 'service bar is defined here and, differently, in an included file (and a file is included twice as above): Compose 2.26 refuses it ("services.bar conflicts with imported resource")',
  },
  'valid/compose-go/inline/loader_tests__template_driver_test/TestSecretDriver_1.yaml': {
    codes: ['missing-required-key'],
    why: 'a secret with only a driver (Swarm): `docker compose config` refuses it ("must declare either `file` or `environment`"); the test only parses it',
  },
  'valid/docker-compose/main/pkg/e2e/fixtures/build-test/platforms/compose-service-platform-not-in-build-platforms.yaml': {
    codes: ['invalid-value'],
    why: 'the e2e test expects exactly this failure: "service.build.platforms MUST include service.platform"',
  },
  'valid/docker-compose/main/pkg/e2e/testdata/TestLocalComposeConfigNoConsistency/compose.yaml': {
    codes: ['no-image-or-build'],
    why: 'the test runs `config --no-consistency`; without that flag Compose refuses services with neither image nor build',
  },
};

/** What each caught invalid file's error must say (from invalid/NOTES.md). */
const CAUGHT: Record<string, RegExp> = {
  'invalid/compose-go/loader/testdata/compose-depends-on-cycle.yaml': /dependency cycle detected: service1 -> service2 -> service3 -> service1/,
  'invalid/compose-go/loader/testdata/compose-depends-on-self.yaml': /dependency cycle detected: service1 -> service1/,
  'invalid/compose-go/loader/testdata/compose-include-cycle.yaml': /include cycle detected/,
  'invalid/compose-go/inline/loader__loader_test/TestNonStringKeys_1.yaml': /non-string key in services: 123/,
  'invalid/compose-go/inline/loader__loader_test/TestNonStringKeys_2.yaml': /non-string key in networks\.default\.ipam\.config\.0: 123/,
  'invalid/compose-go/inline/loader__loader_test/TestNonStringKeys_3.yaml': /non-string key in services\.dict-env\.environment: 1/,
  'invalid/compose-go/inline/loader__loader_test/TestV1Unsupported_1.yaml': /legacy Compose v1 layout/,
  'invalid/compose-go/inline/loader__loader_test/TestNonMappingObject_1.yaml': /^services must be a mapping/,
  'invalid/compose-go/inline/loader__loader_test/TestNonMappingObject_2.yaml': /^services\.foo must be a mapping/,
  'invalid/compose-go/inline/loader__loader_test/TestNonMappingObject_3.yaml': /^networks must be a mapping/,
  'invalid/compose-go/inline/loader__loader_test/TestNonMappingObject_4.yaml': /^networks\.default must be a mapping/,
  'invalid/compose-go/inline/loader__loader_test/TestNonMappingObject_5.yaml': /^volumes must be a mapping/,
  'invalid/compose-go/inline/loader__loader_test/TestNonMappingObject_6.yaml': /^volumes\.data must be a mapping/,
  'invalid/compose-go/inline/loader__loader_test/TestNonStringImage_1.yaml': /^services\.foo\.image must be a string/,
  'invalid/compose-go/inline/loader__loader_test/TestInvalidEnvironmentValue_1.yaml': /^services\.dict-env\.environment\.FOO must be a number, true or false or empty/,
  'invalid/compose-go/inline/loader__loader_test/TestInvalidEnvironmentObject_1.yaml': /^services\.dict-env\.environment must be a mapping/,
  'invalid/compose-go/inline/loader__loader_test/TestInvalidResource_1.yaml': /Unknown key 'impossible'/,
  'invalid/compose-go/inline/loader__loader_test/TestLoadVolumeInvalidExternalNameAndNameCombination_1.yaml': /volumes\.external_volume: .*name and external\.name conflict; only use name/,
  'invalid/compose-go/inline/loader__loader_test/TestLoadTmpfsVolumeAdditionalPropertyNotAllowed_1.yaml': /Unknown key 'foo' in services\.tmpfs\.volumes\.0/,
  'invalid/compose-go/inline/loader__loader_test/TestLoadTmpfsVolumeSizeMustBeGTEQZero_1.yaml': /services\.tmpfs\.volumes\.0\.tmpfs\.size must be greater than or equal to 0/,
  'invalid/compose-go/inline/loader__loader_test/TestLoadTmpfsVolumeSizeMustBeInteger_1.yaml': /services\.tmpfs\.volumes\.0\.tmpfs\.size must be a whole number/,
  'invalid/compose-go/inline/loader__loader_test/TestLoadSecretInvalidExternalNameAndNameCombination_1.yaml': /secrets\.external_secret: .*name and external\.name conflict; only use name/,
  'invalid/compose-go/inline/loader__loader_test/TestLoadNetworkInvalidExternalNameAndNameCombination_1.yaml': /networks\.foo: .*name and external\.name conflict; only use name/,
  'invalid/compose-go/inline/loader__loader_test/TestServiceDeviceRequestCapabilitiesMandatory_1.yaml': /missing the required key 'capabilities'/,
  'invalid/compose-go/inline/loader__loader_test/TestLoadSSHWithoutValueInBuildConfig_1.yaml': /^services\.test\.build\.ssh must be a mapping/,
  'invalid/compose-go/inline/loader__loader_test/TestBadDevelopConfig_1.yaml': /services\.frontend\.develop\.watch\.0 is missing the required key 'action'/,
  'invalid/compose-go/inline/loader__merge_reset_test/Test_DuplicateReset_1.yaml': /Key 'command' is already defined above in this mapping/,
  'invalid/compose-go/inline/loader__reset_test/TestResetCycle_6.yaml': /Cycle: alias \*healthcheck/,
  'invalid/compose-go/inline/loader__reset_test/TestAliasBombPrevented_2.yaml': /excessive aliasing/,
  'invalid/compose-go/inline/loader__reset_test/TestAliasNodePreservation_1.yaml': /excessive aliasing/,
  'invalid/compose-go/inline/loader_tests__develop_test/TestDevelopMissingAction_1.yaml': /services\.web\.develop\.watch\.0 is missing the required key 'action'/,
  'invalid/compose-go/inline/loader_tests__environment_test/TestEnvironmentInvalidValue_1.yaml': /^services\.foo\.environment\.FOO must be a number, true or false or empty/,
  'invalid/compose-go/inline/loader_tests__environment_test/TestEnvironmentInvalidObject_1.yaml': /^services\.foo\.environment must be a mapping/,
  'invalid/docker-compose/main/pkg/e2e/fixtures/wrong-composefile/compose.yaml': /Unknown key 'wrongField'/,
  'invalid/docker-compose/v1/tests/fixtures/net-container/v2-invalid.yml': /Unknown key 'net' in services\.bar/,
  // The v1 fixtures below fail today for their layout before anything else: one diagnostic says so.
  'invalid/docker-compose/v1/tests/fixtures/extends/circle-1.yml': /legacy Compose v1 layout/,
  'invalid/docker-compose/v1/tests/fixtures/extends/circle-2.yml': /legacy Compose v1 layout/,
  'invalid/docker-compose/v1/tests/fixtures/extends/invalid-links.yml': /legacy Compose v1 layout/,
  'invalid/docker-compose/v1/tests/fixtures/extends/invalid-net.yml': /legacy Compose v1 layout/,
  'invalid/docker-compose/v1/tests/fixtures/extends/invalid-volumes.yml': /legacy Compose v1 layout/,
  'invalid/docker-compose/v1/tests/fixtures/extends/nonexistent-service.yml': /legacy Compose v1 layout/,
  'invalid/docker-compose/v1/tests/fixtures/extends/service-with-invalid-schema.yml': /legacy Compose v1 layout/,
  // Its test expects "'notaservice' must be a mapping": the file is a v1 layout with a stray scalar.
  'invalid/docker-compose/v1/tests/fixtures/invalid-composefile/invalid.yml': /legacy Compose v1 layout/,
  // A cycle through a `remote:` loader that only the Go test registers: real Compose (and Dockhand) find no such file.
  'invalid/compose-go/loader/testdata/remote/cycle/compose-cycle.yaml': /extends "foo" from remote:cycle\/compose\.yaml, but that file does not exist/,
  'invalid/compose-go/loader/testdata/remote/cycle/compose.yaml': /extends "bar" from remote:cycle\/compose-cycle\.yaml, but that file does not exist/,
  'invalid/compose-go/inline/loader__loader_test/TestLoadWithResourcesCycle_1.yaml': /extends "foo" from remote:cycle\/compose\.yaml, but that file does not exist/,
  'invalid/compose-go/inline/loader__loader_test/TestWithSelectedServicesOption_SkipsMissingEnvFile_1.yaml': /env file this-file-does-not-exist\.env not found/,
};

/** Invalid files we do not report as errors, and why. */
const MISSED: Record<string, string> = {
  'invalid/compose-go/inline/loader__extends_test/TestExtendsWithServiceRef_1.yaml':
    'found, as a warning: "bar" inherits volumes_from zot, undefined here. The file is not named like a Compose file, so it may be combined (-f) with one that defines zot: undefined names are warnings there',
  'invalid/compose-go/inline/loader__extends_test/TestExtendsWithServiceRef_2.yaml': 'found as a warning (inherited depends_on zot), for the same reason',
  'invalid/compose-go/inline/loader__extends_test/TestExtendsWithServiceRef_3.yaml': 'found as a warning (inherited ipc service:zot), for the same reason',
  'invalid/compose-go/inline/loader__extends_test/TestExtendsWithServiceRef_4.yaml': 'found as a warning (inherited network_mode service:zot), for the same reason',
  'invalid/docker-compose/v1/tests/fixtures/networks/missing-network.yml': 'found as a warning (undefined network "foo"): the file is not named like a Compose file, so another -f file may define the network',
  'invalid/compose-go/inline/loader__loader_test/TestLoadEmptyContent_MissingProject_1.yaml':
    'the test loads it with no working directory, so no project name can be derived; on disk Compose names the project after its folder',
  'invalid/compose-go/inline/validation__validation_test/TestValidateSecret_1.yaml': 'only `name: test`: the test builds the invalid secret in Go, not in YAML',
  'invalid/docker-compose/v1/tests/fixtures/extends/invalid-net-v2.yml':
    'a Python v1 rule ("services with network_mode: service cannot be extended"); today\'s Compose accepts extending such a service',
};

withExternalData('corpus: diagnostics of every file', ['corpus'], ({ corpus }) => {
  const manifest = readManifest(corpus);
  const results = new Map<string, Diagnostic[]>();
  let elapsedMs = 0;

  before(() => {
    // An empty environment: unset-variable results do not depend on who runs the tests.
    const service = corpusService();
    const start = performance.now();
    for (const record of manifest) {
      const { uri } = openPlaced(service, corpus, record);
      results.set(record.path, service.diagnostics(uri));
    }
    elapsedMs = performance.now() - start;
  });

  const errorsOf = (record: CorpusRecord) => (results.get(record.path) ?? []).filter((d) => d.severity === 1);
  const show = (list: Diagnostic[]) => list.map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`).join('\n');

  test('the corpus is there and whole', () => {
    assert.ok(manifest.length > 1000, `expected over 1,000 files, found ${manifest.length}`);
    for (const listed of [...Object.keys(VALID_BUT_REFUSED), ...Object.keys(CAUGHT), ...Object.keys(MISSED)]) {
      assert.ok(manifest.some((r) => r.path === listed), `${listed} is listed in this test but not in the manifest`);
    }
  });

  test('no error on a valid compose file (except the listed ones Compose refuses as written)', () => {
    const problems: string[] = [];
    for (const record of manifest) {
      if (record.expected !== 'valid' || record.kind !== 'compose') continue;
      const errors = errorsOf(record);
      const listed = VALID_BUT_REFUSED[record.path];
      if (!listed && errors.length > 0) problems.push(`${record.path} has errors:\n${show(errors)}`);
      if (listed && errors.length === 0) problems.push(`${record.path} is listed in VALID_BUT_REFUSED but has no error now: remove it from the list`);
      if (listed) {
        const unexpected = errors.filter((d) => !listed.codes.includes(String(d.code)));
        if (unexpected.length > 0) problems.push(`${record.path} has errors beyond the listed ${listed.codes.join(', ')}:\n${show(unexpected)}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('each legacy v1 file gets exactly one diagnostic: legacy-layout', () => {
    const problems: string[] = [];
    let count = 0;
    for (const record of manifest) {
      if (record.kind !== 'legacy-v1') continue;
      count++;
      const list = results.get(record.path) ?? [];
      if (list.length !== 1 || list[0]!.code !== 'legacy-layout') problems.push(`${record.path}:\n${show(list)}`);
    }
    assert.ok(count >= 50, `expected the corpus's ~62 legacy files, found ${count}`);
    assert.deepEqual(problems, []);
  });

  test('each invalid file gets an error saying what its source test expects, unless listed as missed', () => {
    const problems: string[] = [];
    let caught = 0;
    const invalid = manifest.filter((r) => r.expected === 'invalid');
    for (const record of invalid) {
      const errors = errorsOf(record);
      const expected = CAUGHT[record.path];
      if (MISSED[record.path] !== undefined) {
        if (errors.length > 0) problems.push(`${record.path} is listed as missed but now has errors (move it to CAUGHT):\n${show(errors)}`);
        continue;
      }
      if (!expected) {
        problems.push(`${record.path} is in neither CAUGHT nor MISSED; its diagnostics:\n${show(results.get(record.path) ?? [])}`);
        continue;
      }
      if (errors.some((d) => expected.test(String(d.message)))) caught++;
      else problems.push(`${record.path}: no error matches ${expected}; got:\n${show(results.get(record.path) ?? [])}`);
    }
    assert.deepEqual(problems, []);
    assert.equal(caught + Object.keys(MISSED).length, invalid.length);
    console.log(`invalid files caught: ${caught}/${invalid.length}; corpus diagnosed in ${Math.round(elapsedMs)} ms`);
  });

  test('the files listed as missed are still reported, as warnings, where the list says so', () => {
    for (const [file, why] of Object.entries(MISSED)) {
      if (!why.startsWith('found as a warning') && !why.startsWith('found, as a warning')) continue;
      const warnings = (results.get(file) ?? []).filter((d) => d.severity === 2);
      assert.ok(warnings.length > 0, `${file} should have a warning (${why})`);
    }
  });
});

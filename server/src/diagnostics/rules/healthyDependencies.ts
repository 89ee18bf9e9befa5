// `no-healthcheck`: a service waits for another to be healthy
// (`condition: service_healthy`) that has no healthcheck of its own. Compose
// loads the file; at `up` it fails ("dependency failed to start: container
// ... has no healthcheck configured") unless the image defines a HEALTHCHECK,
// which only the image knows: a warning. A healthcheck turned off
// (`disable: true`, `test: ["NONE"]`) fails for certain: an error. A
// dependency with `required: false` does not stop `up`, and is left alone.
import { isAlias, isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import type { ComposeDocument } from '../../model/document';
import { castBoolean } from '../../model/composeScalars';
import { getPair, getValue, nodeRange, scalarText } from '../../model/nodes';
import { replaceFix, type ReplaceData } from '../fix';
import { diagnostic, DiagnosticSeverity } from '../make';
import { ALWAYS_RECHECK, serviceRule, type ServiceCheck } from '../serviceChecks';
import { keyOfMap, resolve } from '../specWalk';
import type { Rule } from './rule';

/** What one service body says about its healthcheck: `test` set, turned `off`, or nothing the container can run (`none`: the image's, if any). */
type Health = 'test' | 'off' | 'none';


/** What `body` sets, or undefined when it sets neither `test` nor `disable` (a later or earlier part decides). */
function bodyHealth(doc: ComposeDocument, body: YAMLMap): Health | undefined {
  const check = keyOfMap(doc, body, 'healthcheck');
  if (!isMap(check)) return undefined;
  const disable = resolve(doc, getValue(check, 'disable'));
  if (isScalar(disable) && castBoolean(String(disable.value)) === true) return 'off';
  const test = resolve(doc, getValue(check, 'test'));
  if (test === undefined || test === null) return undefined;
  const first = isSeq(test) ? scalarText(resolve(doc, test.items[0])) : scalarText(test);
  return first === 'NONE' ? 'off' : 'test';
}

/** Fact keys (serviceChecks.ts): the parts of a service that do not give it a test of their own. */
const UNTESTED = (service: string) => `untested:${service}`;

const healthCheck: ServiceCheck = {
  id: 'no-healthcheck',
  facts(part, add) {
    const health = bodyHealth(part.doc, part.body);
    // A service that extends another may get its healthcheck there: never judged.
    if (health === 'test' || getPair(part.body, 'extends')) return;
    add(UNTESTED(part.name), health ?? 'none');
  },
  check(req, index, def, read) {
    const { doc } = req;
    if (!isMap(def.value)) return [];
    const dependsOn = keyOfMap(doc, def.value, 'depends_on');
    if (!isMap(dependsOn)) return []; // the list form waits for service_started
    const out: Diagnostic[] = [];
    for (const pair of dependsOn.items) {
      const target = scalarText(pair.key);
      const entry = resolve(doc, pair.value);
      if (target === undefined || !isMap(entry)) continue;
      const condition = getPair(entry, 'condition');
      if (scalarText(resolve(doc, condition?.value)) !== 'service_healthy') continue;
      const required = resolve(doc, getValue(entry, 'required'));
      if (isScalar(required) && castBoolean(String(required.value)) === false) continue;
      read(UNTESTED(target));
      const untested = index.parts(UNTESTED(target));
      if (untested.length === 0) continue; // a test of its own, or not a service of the project (other rules say so)
      // Every part of the service, in load order: the last that sets a test or turns it off decides.
      let health: Health = 'none';
      for (const definition of req.project.definitions('service', target)) {
        const owner = req.project.file(definition.uri)?.model.doc;
        if (owner && isMap(definition.value)) health = bodyHealth(owner, definition.value) ?? health;
      }
      if (health === 'test' || req.project.definitions('service', target).some((d) => isMap(d.value) && getPair(d.value, 'extends'))) continue;
      // Parts this index does not hold (a file added to the project, one that gives the test) decide too: found again every run.
      read(ALWAYS_RECHECK);
      // At the condition where it is written here (the fix swaps it), else at the dependency's name.
      const onCondition = !!condition && !isAlias(condition.value) && nodeRange(condition.value) !== undefined;
      const at = onCondition ? nodeRange(condition!.value) : nodeRange(pair.key);
      if (!at) continue;
      const off = health === 'off';
      const message = off
        ? `Service "${target}" turns its healthcheck off, so it never becomes healthy: up fails waiting for it ("dependency failed to start: container has no healthcheck configured"). Wait for service_started, or give "${target}" a healthcheck.`
        : `Service "${target}" has no healthcheck here: unless its image defines one (HEALTHCHECK), up fails waiting for it to be healthy ("dependency failed to start: container has no healthcheck configured"). Give "${target}" a healthcheck, or wait for service_started.`;
      out.push(diagnostic<ReplaceData>(doc, at, off ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, 'no-healthcheck', message,
        onCondition ? { data: { replace: { from: 'service_healthy', to: 'service_started' } } } : {}));
    }
    return out;
  },
};

export const healthyDependencies: Rule<ReplaceData> = serviceRule(healthCheck, { codes: ['no-healthcheck'], fix: replaceFix });

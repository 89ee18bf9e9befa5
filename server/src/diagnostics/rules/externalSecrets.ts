// `swarm-only-external`: a service uses a secret or config marked
// `external: true`. Only a Swarm keeps secrets and configs of its own, so
// `docker compose up` refuses to start such a service ("unsupported external
// secret db_password", measured on Compose 2.26.1 with the engine in and out
// of Swarm mode), while `docker stack deploy` takes the file as written. Which
// of the two runs the file is known only then: a warning, at each use of the
// name in a service's `secrets` or `configs` (a build's secrets are the
// builder's). One no service uses is never looked for.
import { isMap, isScalar } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { getPair, getValue, isExternalValue, nodeRange, scalarText } from '../../model/nodes';
import type { ComposeProject } from '../../model/project';
import { SECTION_OF } from '../../model/fileModel';
import { replaceRange } from '../edits';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { Rule } from './rule';

const KINDS = ['secret', 'config'] as const;
type Kind = (typeof KINDS)[number];

/** What the fix needs: which secret or config the use names. */
export interface ExternalSecretData {
  readonly kind: Kind;
  readonly name: string;
}

export const externalSecrets: Rule<ExternalSecretData> = {
  codes: ['swarm-only-external'],
  run({ doc, file, project }) {
    const out: Diagnostic[] = [];
    let external: Map<string, string> | undefined;
    for (const ref of file.references) {
      // A service's `secrets:` / `configs:` say it by the section's own word (a build's by `build.secrets`).
      if ((ref.kind !== 'secret' && ref.kind !== 'config') || ref.via !== SECTION_OF[ref.kind]) continue;
      external ??= externalNames(project);
      const name = external.get(`${ref.kind}\0${ref.name}`);
      if (name === undefined) continue;
      out.push(diagnostic(doc, ref.range, DiagnosticSeverity.Warning, 'swarm-only-external',
        `The ${ref.kind} "${ref.name}" is external, which only a Swarm keeps: \`docker compose up\` refuses to start service "${ref.fromService}" ("unsupported external ${ref.kind} ${name}"), though \`docker stack deploy\` takes it. To run it with Compose, give the ${ref.kind} a \`file:\` (or \`environment:\`) instead of \`external: true\`.`,
        { data: { kind: ref.kind, name: ref.name } satisfies ExternalSecretData }));
    }
    return out;
  },
  // Where this file defines it with `external: true`: read it from a file beside the project instead. Not preferred,
  // since a file meant for `docker stack deploy` keeps it external.
  fix({ doc, data }) {
    if ((data.kind !== 'secret' && data.kind !== 'config') || typeof data.name !== 'string') return [];
    const definition = getPair(getValue(doc.yaml.contents, SECTION_OF[data.kind]), data.name)?.value;
    const external = isMap(definition) ? getPair(definition, 'external') : undefined;
    const key = nodeRange(external?.key);
    const value = isScalar(external?.value) ? nodeRange(external.value) : undefined;
    if (!key || !value || !isExternalValue(external!.value)) return [];
    const file = `./${data.name}.txt`;
    return [{ title: `Read ${data.kind} "${data.name}" from ${file} instead of external`, edits: [replaceRange(doc, key[0], value[1], `file: ${file}`)] }];
  },
};

/** The external secrets and configs (`kind\0name`), each with the name Compose looks for (its `name:`, else its key). */
function externalNames(project: ComposeProject): Map<string, string> {
  const found = new Map<string, string>();
  for (const kind of KINDS) {
    for (const key of project.names(kind)) {
      // A later file's definition overrides the keys it sets.
      let external = false;
      let name = key;
      for (const def of project.definitions(kind, key)) {
        const written = getValue(def.value, 'external');
        if (written !== undefined) external = isExternalValue(written);
        name = scalarText(getValue(def.value, 'name')) ?? name;
      }
      if (external) found.set(`${kind}\0${key}`, name);
    }
  }
  return found;
}

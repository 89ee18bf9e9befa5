// `invalid-format`: a short-syntax mount of a volume whose name is one letter,
// `v:/data`. Compose reads a letter and a colon before a slash as a Windows
// drive (`C:\data`), so the entry is one path: an anonymous volume at the
// container path `v:/data` (its `config` prints `target: v:/data`), not volume
// `v` at `/data`; a Linux engine then refuses the container ("invalid mount
// path: 'v:/data' mount path must be absolute"). Measured on Compose 2.26.1
// and the engine here (test/docker/engine-verdicts.test.ts). Reported only
// where the project defines a volume of that letter, which says what was meant;
// a Windows container's own drive path is left alone. The fix writes the mount
// in the long syntax, where the name is a name.
import { isScalar } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver';
import { nodeRange, scalarText, seqItems, getValue } from '../../model/nodes';
import { perDefinition } from '../../model/definitionMemo';
import { replaceRange } from '../edits';
import { diagnostic, DiagnosticSeverity } from '../make';
import type { QuickFix } from '../fix';
import type { Rule } from './rule';

/** What the fix needs: the volume's name and the container path meant. */
export interface DriveLetterData {
  readonly volume: string;
  readonly target: string;
}

interface DriveLetterMount {
  readonly node: unknown;
  readonly volume: string;
  readonly target: string;
}

/** A service's short mounts that read as one drive path (`v:/data`, no mode after it), looked up once per definition. */
const driveLetterMounts = perDefinition((body: unknown): readonly DriveLetterMount[] => {
  const out: DriveLetterMount[] = [];
  for (const item of seqItems(getValue(body, 'volumes'))) {
    if (!isScalar(item)) continue;
    const match = /^([a-zA-Z]):([\\/][^:]*)$/.exec(scalarText(item) ?? '');
    if (match) out.push({ node: item, volume: match[1]!, target: match[2]! });
  }
  return out;
});

export const driveLetterVolumes: Rule<DriveLetterData> = {
  codes: ['invalid-format'],
  run({ doc, file, project }) {
    const out: Diagnostic[] = [];
    for (const def of file.definitions) {
      if (def.kind !== 'service') continue;
      for (const mount of driveLetterMounts(def)) {
        const range = nodeRange(mount.node);
        if (!range || project.definitions('volume', mount.volume).length === 0) continue;
        const written = `${mount.volume}:${mount.target}`;
        out.push(diagnostic(doc, range, DiagnosticSeverity.Error, 'invalid-format',
          `'${written}' is not volume "${mount.volume}" at ${mount.target}: Compose reads a letter and a colon before a slash as a Windows drive, so this is an anonymous volume at the container path '${written}', which a Linux engine refuses ("mount path must be absolute"). Write the mount in the long syntax, or give the volume a name of two letters or more.`,
          { data: { volume: mount.volume, target: mount.target } satisfies DriveLetterData }));
      }
    }
    return out;
  },
  fix({ doc, diagnostic: found, data }): QuickFix[] {
    const { volume, target } = data;
    if (typeof volume !== 'string' || typeof target !== 'string') return [];
    const start = doc.text.offsetAt(found.range.start);
    const end = doc.text.offsetAt(found.range.end);
    // Only where the text is still the entry reported, and a path a flow mapping takes unquoted.
    const text = doc.text.getText(found.range);
    if (text.replace(/^["']|["']$/g, '') !== `${volume}:${target}` || !/^[\w./\\-]+$/.test(target)) return [];
    return [{ title: `Mount volume "${volume}" at ${target} (long syntax)`, edits: [replaceRange(doc, start, end, `{type: volume, source: ${volume}, target: ${target}}`)], preferred: true }];
  },
};

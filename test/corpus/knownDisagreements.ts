// The corpus oracles (the JSON schema, Compose itself) each keep a table of the
// files on which the oracle and Dockhand are known to disagree, by corpus
// path, each entry with its kind and why. The table must stay true both ways:
// every disagreement is listed, and every listed file still disagrees, in the
// way listed, and is still in the corpus.

/** A listed disagreement: of which kind, and why it is right (or why it is not ours to fix). */
export interface KnownDisagreement<Kind extends string> {
  readonly kind: Kind;
  readonly why: string;
}

export interface TableCheck<Entry> {
  /** The table's name in the messages. */
  readonly name: string;
  readonly table: Readonly<Record<string, Entry>>;
  /** The corpus paths of the manifest. */
  readonly manifest: readonly { readonly path: string }[];
  /**
   * Each file the oracle judged, and how it came out: the disagreement (as the
   * table would list it) or `undefined` where the oracle and Dockhand agree.
   */
  readonly found?: ReadonlyMap<string, string | undefined>;
  /** The disagreement an entry stands for, where it names one (else any disagreement fits it). */
  readonly expected?: (entry: Entry) => string | undefined;
  /** What to show of a new disagreement, so that it can be judged. */
  readonly show?: (file: string) => string;
}

/** What is wrong with a table of known disagreements, one line a problem (none when the table is true). */
export function tableProblems<Entry>(check: TableCheck<Entry>): string[] {
  const problems: string[] = [];
  for (const [file, disagreement] of check.found ?? []) {
    const listed = check.table[file];
    if (disagreement === undefined) {
      if (listed) problems.push(`${file} is listed in ${check.name} but the oracle and Dockhand agree now: remove it`);
      continue;
    }
    if (!listed) {
      problems.push(`${file}: a new disagreement (${disagreement})${check.show ? `:\n${check.show(file)}` : ''}`);
      continue;
    }
    const expected = check.expected?.(listed);
    if (expected !== undefined && expected !== disagreement) problems.push(`${file}: listed in ${check.name} as ${expected}, now ${disagreement}`);
  }
  const inManifest = new Set(check.manifest.map((r) => r.path));
  for (const listed of Object.keys(check.table)) {
    if (!inManifest.has(listed)) problems.push(`${listed} is listed in ${check.name} but not in the manifest`);
  }
  return problems;
}

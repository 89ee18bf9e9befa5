// The `yaml` library as the oracle of the block reader (model/blockReader.ts):
// one block text read both ways. Shared by the unit tier (generated files,
// examples, variants) and the corpus tier (every corpus file).
import { parseDocument, YAMLMap } from 'yaml';
import { readBlock } from '../../server/src/model/blockReader';
import { PARSE_OPTIONS } from '../../server/src/model/document';
import { treeDifference } from './yamlTrees';

/** One schema for every block, as incremental.ts parses them. */
const OPTIONS = { ...PARSE_OPTIONS, schema: parseDocument('', PARSE_OPTIONS).schema };

export type Verdict =
  /** The reader built the library's tree. */
  | { kind: 'same' }
  /** The reader left the block to the library. */
  | { kind: 'left' }
  /** The library does not read the block as one clean pair (an error, a warning, several keys): the reader must leave it. */
  | { kind: 'not-one-pair' }
  /** A fault of the reader: a tree that differs, or a tree where the library finds an error. */
  | { kind: 'wrong'; why: string };

export function judgeBlock(text: string): Verdict {
  const doc = parseDocument(text, OPTIONS);
  const onePair = doc.errors.length === 0 && doc.warnings.length === 0 && doc.contents instanceof YAMLMap && !doc.contents.flow && doc.contents.items.length === 1;
  const pair = readBlock(text, OPTIONS.schema)?.pair;
  if (!onePair) return pair ? { kind: 'wrong', why: `built a tree where the library finds ${doc.errors[0]?.code ?? doc.warnings[0]?.code ?? 'no single pair'}` } : { kind: 'not-one-pair' };
  if (!pair) return { kind: 'left' };
  const difference = treeDifference(pair, (doc.contents as YAMLMap).items[0]);
  return difference ? { kind: 'wrong', why: difference } : { kind: 'same' };
}

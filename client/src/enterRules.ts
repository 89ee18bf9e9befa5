// Where Enter puts the cursor in a Compose file. VS Code's YAML support (which
// also declares the `dockercompose` language) keeps the indentation of the
// line above: after `ports:` the user presses Tab, and the one who does not
// gets `- "80:80"` as a sibling of `ports`, a file that means something else.
// What a Compose file's lines announce is plain from their text:
// - a key with nothing after its colon (or only an anchor, a tag, a block
//   scalar's `|`/`>`, a comment) opens what is nested under it: one step in;
// - a list item that starts a mapping (`- target: 80`) goes on with that
//   mapping's next key, under the first one, not under the dash;
// - anything else (a value, a plain list item, a comment) keeps the indentation.
// Pure data, so it is tested without VS Code; extension.ts hands it to VS Code
// as the language's `onEnterRules`, which apply only when Enter ends a line
// (text after the cursor stays where the editor puts it).

/** What Enter does after a line that matches `beforeText`: one indentation step in or not, then these spaces. */
export interface EnterRule {
  readonly beforeText: RegExp;
  readonly afterText: RegExp;
  readonly indent: boolean;
  readonly appendText: string;
}

/** A mapping key: quoted, or plain (it starts with no YAML indicator, and a colon belongs to it only when no space follows, as YAML reads it). */
const KEY = String.raw`(?:"[^"\\]*(?:\\.[^"\\]*)*"|'[^']*(?:''[^']*)*'|[^\s#'"\-?:,\[\]{}&*!|>%@\x60](?:[^#:]|:(?=[^\s]))*?)`;

/** After the colon, what leaves the value to the lines below: an anchor, a tag, a block scalar's header, then perhaps a comment. */
const NOTHING_YET = String.raw`(?:[ \t]+(?:&[^\s]+|![^\s]*|[|>][-+1-9]*))*[ \t]*(?:[ \t]#.*)?$`;

/** Enter with only blanks after the cursor: the end of the line. */
const AT_LINE_END = /^\s*$/;

/** The most spaces after a list item's dash that the rules follow (more is rare enough to leave to the user). */
const MOST_SPACES_AFTER_DASH = 4;

export function enterRules(): EnterRule[] {
  const rules: EnterRule[] = [{ beforeText: new RegExp(String.raw`^\s*${KEY}:${NOTHING_YET}`), afterText: AT_LINE_END, indent: true, appendText: '' }];
  for (let spaces = 1; spaces <= MOST_SPACES_AFTER_DASH; spaces++) {
    // The item's key is `1 + spaces` columns right of the dash.
    const toKey = ' '.repeat(1 + spaces);
    const item = String.raw`^\s*- {${spaces}}${KEY}:`;
    // `- build:`: what is nested goes a step in from the key, not from the dash.
    rules.push({ beforeText: new RegExp(item + NOTHING_YET), afterText: AT_LINE_END, indent: true, appendText: toKey });
    // `- target: 80`: the mapping's next key goes under this one.
    rules.push({ beforeText: new RegExp(item + String.raw`[ \t]+[^\s#]`), afterText: AT_LINE_END, indent: false, appendText: toKey });
  }
  return rules;
}

/**
 * The indentation (in spaces) Enter gives the next line after `line` typed at the end of it, as VS Code applies
 * the first rule that matches (for the tests: VS Code itself applies `enterRules`).
 */
export function indentAfterEnter(line: string, tabSize = 2): number {
  const own = /^ */.exec(line)![0].length;
  const rule = enterRules().find((r) => r.beforeText.test(line));
  if (!rule) return own;
  return own + (rule.indent ? tabSize : 0) + rule.appendText.length;
}

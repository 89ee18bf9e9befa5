// When a typed character may open the suggestion list. VS Code accepts the
// selected suggestion on Enter, so a list that opens where the user did not
// ask for one turns the Enter at the end of a line into an edit they never
// meant (`depends_on:` + Enter became `depends_on: db`). The rule, per
// character, is written once here; the position itself (key, value, free
// text) is decided in ../completion.ts.
//
//   `:`  never opens a list right after a key: the user has not typed the
//        space yet and the next key is usually Enter. Inside a value already
//        begun (`network_mode: service:`, the tag of `image: nginx:`) it keeps
//        the list going.
//   ` `  opens a list only directly after `key: ` or a list dash `- `, where
//        VS Code's YAML users expect one, and only where the spec has words
//        for the value; never in free text (`command: echo hello `, an
//        environment value) nor after `image: ` (any name may go there, and
//        Enter would take the first local image) or a path's key (`build: `:
//        Enter would take the first folder), never for indentation.
//   `-`  never at the start of an item (the space that follows opens it);
//        inside a word (`on-`, `CMD-`) the open list keeps filtering.
//   `$`  never: `$NAME` and `$$` are Compose text too; the list opens on the
//        `{` of `${`.
//   `{`  only as `${`: the project's variables. A `{` that opens a flow
//        mapping opens nothing.
//   `/`, `.`  inside a word only (`linux/`, `traefik.`, a path's `./` or
//        `app/`: the folder's entries), so an open list keeps filtering;
//        never on a word of their own.
//   `*`  at the start of a value (`<<: *`, `- *`): YAML reads an alias there,
//        and the list holds the anchors defined above (completion/aliases.ts);
//        completion.ts answers it before this rule is asked.
//
// Invoked completion (Ctrl+Space, and the quick suggestions VS Code asks for
// while a word is typed) and re-requests of an incomplete list always answer
// from the position. VS Code sends both kinds of invocation alike, so values
// come while typing too: the local images of an `image:` value as well. Where
// any name may be written (images, network and volume names...), the first
// item is the text as typed, so that Enter keeps it (context.ts
// `withTypedFirst`).
import { CompletionTriggerKind } from 'vscode-languageserver';

/** How the client asked: LSP's CompletionContext, without it when the client sends none. */
export interface CompletionTrigger {
  readonly triggerKind: CompletionTriggerKind;
  readonly triggerCharacter?: string;
}

export const TRIGGER_CHARACTERS = [':', ' ', '-', '$', '{', '/', '.', '*'];

/** What the position looks like, as far as the trigger rule needs to know. */
export interface TriggerPosition {
  /** The cursor is where a value is written, or a list item (keys: false). */
  readonly value: boolean;
  /** What is typed of the word being completed (it ends with the trigger character when that is part of the word). */
  readonly prefix: string;
  /** The text of the cursor's line before the cursor. */
  readonly lineBefore: string;
  /** The cursor is on the name of an open `${`. */
  readonly variable: boolean;
  /** The value is the user's own text (spec `freeText`), an image name (spec `namesImage`: our names only suggest) or a path (spec `hostPath`). */
  readonly freeText: boolean;
}

export function triggerOpens(trigger: CompletionTrigger | undefined, at: TriggerPosition): boolean {
  if (!trigger || trigger.triggerKind !== CompletionTriggerKind.TriggerCharacter) return true;
  const lineBefore = at.lineBefore;
  switch (trigger.triggerCharacter) {
    case ':':
      return at.value && at.prefix.endsWith(':') && at.prefix.length > 1;
    case ' ':
      // Exactly `key: ` or `- ` before the cursor: the slot is empty and was just opened.
      return at.value && !at.freeText && at.prefix === '' && /(?:^|\S):[ ]$|^[ \t]*(?:-[ ]+)*-[ ]$/.test(lineBefore);
    case '-':
    case '/':
    case '.':
      return at.prefix.length > 1 && at.prefix.endsWith(trigger.triggerCharacter);
    case '$':
      return false;
    case '{':
      return at.variable;
    case '*':
      // An alias begun (completion.ts answers those first): anywhere else a `*` is text.
      return false;
    default:
      return true;
  }
}

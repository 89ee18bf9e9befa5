// Whether the editor shows a completion list (server/src/listShown.ts), which the typing hold waits on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionList } from 'vscode-languageserver';
import { listShown, OpenLists } from '../../server/src/listShown';

/** Items replacing the word from column `from` of line 4, as Dockhand's completion answers. */
function list(from: number, ...labels: string[]): CompletionList {
  return { isIncomplete: false, items: labels.map((label) => ({ label, textEdit: { range: { start: { line: 4, character: from }, end: { line: 4, character: from } }, newText: label } })) };
}

test('a list is shown when an item matches what is typed of the word it replaces, as the editor filters it', () => {
  const line = '      APP_MODE: ${AP';
  const at = { line: 4, character: line.length };
  assert.equal(listShown(list(18, 'APP_MODE', 'APP_PORT'), line, at), true);
  assert.equal(listShown(list(18, 'DB_HOST'), line, at), false, 'nothing matches');
  assert.equal(listShown(list(at.character, 'DB_HOST'), line, at), true, 'nothing typed of the word yet: all shown');
  // Letters in order, the first at the start of the word or of a word in it.
  const key = (typed: string, ...labels: string[]) => listShown(list(4, ...labels), `    ${typed}`, { line: 4, character: 4 + typed.length });
  assert.equal(key('hc', 'healthcheck'), true);
  assert.equal(key('HEA', 'healthcheck'), true, 'case does not matter');
  assert.equal(key('ck', 'healthcheck'), false, 'the first letter inside a word');
  assert.equal(key('cond', 'depends_on', 'service_condition'), true, 'the first letter at a word of the item');
  assert.equal(key('image:', 'image'), false, 'the colon typed: no item has it');
  // Items with no edit range: the word before the cursor.
  assert.equal(listShown({ isIncomplete: false, items: [{ label: 'restart' }] }, '    res', { line: 4, character: 7 }), true);
});

test('an open list is followed as the user types on the line: shown while an item matches, closed at the first that does not or on another line', () => {
  const lists = new OpenLists();
  const typed = (text: string, line = 4) => lists.typed('u', text, { line, character: text.length });
  assert.equal(lists.answered('u', list(18, 'APP_MODE', 'APP_PORT'), '      APP_MODE: ${A', { line: 4, character: 19 }), true);
  assert.equal(typed('      APP_MODE: ${AP'), true);
  assert.equal(typed('      APP_MODE: ${APP_P'), true);
  assert.equal(typed('      APP_MODE: ${APP_PX'), false, 'no item matches: the editor closes it');
  assert.equal(typed('      APP_MODE: ${APP_P'), false, 'closed stays closed until the next answer');
  assert.equal(lists.answered('u', list(18, 'APP_MODE'), '      APP_MODE: ${A', { line: 4, character: 19 }), true);
  assert.equal(typed('x', 5), false, 'the cursor on another line');
  assert.equal(lists.answered('u', list(18, 'APP_MODE'), '      APP_MODE: ${A', { line: 4, character: 19 }), true);
  assert.equal(lists.typed('u', undefined, undefined), false, 'an edit that is not typing on one line (Enter, a paste of lines)');
  assert.equal(lists.answered('u', { isIncomplete: false, items: [] }, '    x', { line: 4, character: 5 }), false, 'an empty answer');
});

test('an edit writing an item\'s whole text is the item chosen: the editor closes the list, though the item matches the line', () => {
  const lists = new OpenLists();
  const line = '    network_mode: ser';
  assert.equal(lists.answered('u', list(18, 'service:vpn', 'service:db'), line, { line: 4, character: line.length }), true);
  const chosen = '    network_mode: service:vpn';
  assert.equal(lists.typed('u', chosen, { line: 4, character: chosen.length }, 'service:vpn'), false, 'chosen');
  assert.equal(lists.answered('u', list(18, 'service:vpn', 'service:db'), line, { line: 4, character: line.length }), true);
  assert.equal(lists.typed('u', '    network_mode: serv', { line: 4, character: 22 }, 'v'), true, 'a letter typed: still shown');
  // A snippet item: what it writes with its placeholders at their defaults.
  const snippet: CompletionList = { isIncomplete: false, items: [{ label: 'restart', insertTextFormat: 2, textEdit: { range: { start: { line: 4, character: 4 }, end: { line: 4, character: 4 } }, newText: 'restart: ${1|no,always|}' } }] };
  assert.equal(lists.answered('u', snippet, '    res', { line: 4, character: 7 }), true);
  assert.equal(lists.typed('u', '    restart: no', { line: 4, character: 15 }, 'restart: no'), false);
});

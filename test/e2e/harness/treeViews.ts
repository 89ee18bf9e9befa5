// Tree views in the side bar, as a person reads them: a pane by its title,
// and a row found by its place in the tree (this project's "Volumes" folder,
// not the first "Volumes" on screen). The engine the tests use may hold other
// Compose projects, a user's or an earlier run's: a row must be looked for
// under its own parent.
import type { Locator, Page } from 'playwright-core';

/** A side-bar pane (Compose, Volumes, Volume Files...) by its title. */
export function sideBarPane(page: Page, title: RegExp): Locator {
  return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header .title', { hasText: title }) });
}

interface ShownRow {
  /** The row's place in the list (VS Code's data-index); the DOM order of rows is not the visual one. */
  index: number;
  level: number;
  label: string;
  expanded: string | null;
}

async function shownRows(pane: Locator): Promise<ShownRow[]> {
  // Not the rows sticky scroll pins at the top of a scrolled tree: each repeats a parent scrolled out of
  // view, with no aria-level, and read as a level-0 row it hid every row after it (the project under test
  // was not found below the pinned row of another one).
  const rows = await pane.locator('.monaco-list-row:not(.monaco-tree-sticky-container .monaco-list-row)').evaluateAll((elements) =>
    elements.map((row) => ({
      index: Number(row.getAttribute('data-index')),
      level: Number(row.getAttribute('aria-level')),
      label: ((row.querySelector('.label-name') as HTMLElement | null) ?? (row as HTMLElement)).innerText.trim(),
      expanded: row.getAttribute('aria-expanded'),
    })),
  );
  return rows.sort((a, b) => a.index - b.index);
}

const matches = (label: string, step: string | RegExp) => (typeof step === 'string' ? label === step : step.test(label));

/**
 * The row reached by `path`, a list of labels from the top of the tree (e.g. a
 * project, then "Volumes", then a volume): each label is looked for among the
 * children of the row before it, and a collapsed row on the way is expanded.
 * Waits for the rows to appear; on time-out the error lists the rows shown.
 */
export async function treeRow(pane: Locator, path: (string | RegExp)[], timeoutMs = 60_000): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await shownRows(pane);
    let at = -1; // position in `rows` of the row found so far; -1 is the tree's root
    let level = 0;
    let expanded = false;
    for (let step = 0; step < path.length; step++) {
      let found = -1;
      for (let i = at + 1; i < rows.length && rows[i].level > level; i++) {
        if (rows[i].level === level + 1 && matches(rows[i].label, path[step])) {
          found = i;
          break;
        }
      }
      if (found < 0) break;
      at = found;
      level = rows[found].level;
      if (step === path.length - 1) return pane.locator(`.monaco-list-row[data-index="${rows[found].index}"]`);
      if (rows[found].expanded === 'false') {
        // A click toggles a folder: only a collapsed one is clicked.
        await pane.locator(`.monaco-list-row[data-index="${rows[found].index}"]`).click();
        expanded = true;
        break;
      }
    }
    if (Date.now() > deadline) {
      const shown = rows.map((r) => `${'  '.repeat(Math.max(0, r.level - 1))}${r.label}`).join('\n');
      throw new Error(`no row ${path.map(String).join(' > ')} within ${timeoutMs / 1000} s; the tree showed:\n${shown}`);
    }
    await pane.page().waitForTimeout(expanded ? 200 : 500);
  }
}

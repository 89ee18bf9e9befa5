// The volume last selected in the Compose or Volumes view, for the volume
// commands run from the Command Palette (Browse Volume Files, Back Up...),
// which get no argument: their picker offers it first, so Enter takes the
// volume the user was looking at. A selection of anything else in either view
// (a container, a project) clears it, as does a refresh that drops the row.
import * as vscode from 'vscode';

/** The tree nodes both views give a volume: `{ kind: 'volume', volume: { name } }`. */
function volumeOf(node: unknown): string | undefined {
  const n = node as { kind?: unknown; volume?: { name?: unknown } } | undefined;
  return n?.kind === 'volume' && typeof n.volume?.name === 'string' ? n.volume.name : undefined;
}

export class SelectedVolume implements vscode.Disposable {
  private current: string | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(views: readonly vscode.TreeView<unknown>[]) {
    this.subscriptions = views.map((view) =>
      view.onDidChangeSelection((event) => {
        // An empty selection (the row went with a refresh, or the view lost it) keeps what another view shows.
        if (event.selection.length === 0 && !views.some((other) => other !== view && other.selection.length > 0)) this.current = undefined;
        else if (event.selection.length > 0) this.current = volumeOf(event.selection[0]);
      }),
    );
  }

  /** The selected volume's name, if the last selection in either view is a volume. */
  get name(): string | undefined {
    return this.current;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

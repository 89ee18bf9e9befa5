// The VS Code side of the volume helper's image: the choice (docker/helperImage.ts)
// is remembered per job until the engine or the setting changes; when no image
// on the engine can serve, the user is asked before the configured one is
// pulled, and the pull shows its progress. Commands call ensure() before they
// ask for a file, so a missing image never surfaces after a dialog.
import * as vscode from 'vscode';
import { chooseHelperImage, pullImage, type HelperJob } from '../docker/helperImage';
import { DEFAULT_HELPER_IMAGE, HelperImageMissingError } from '../docker/volumeHelper';
import type { EngineSession } from './engineSession';

export class HelperImages implements vscode.Disposable {
  private readonly chosen = new Map<HelperJob, Promise<string | undefined>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: EngineSession) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockhand.volumes.helperImage') || e.affectsConfiguration('dockhand.dockerHost')) this.forget();
    });
  }

  configured(): string {
    return vscode.workspace.getConfiguration('dockhand').get<string>('volumes.helperImage') || DEFAULT_HELPER_IMAGE;
  }

  /** Drops remembered choices (an image was removed, or the engine changed). */
  forget(): void {
    this.chosen.clear();
  }

  /** An image on the engine for the job, chosen without asking anything; undefined when none fits. */
  find(job: HelperJob): Promise<string | undefined> {
    let choice = this.chosen.get(job);
    if (!choice) {
      choice = this.session.engine().then(({ docker }) => chooseHelperImage(docker, { configured: this.configured(), job }).then((c) => c?.image));
      this.chosen.set(job, choice);
      choice.then(
        (image) => image ?? this.chosen.delete(job),
        () => this.chosen.delete(job),
      );
    }
    return choice;
  }

  /** For read-only paths that cannot ask (the file system provider): the image, or the error that says how to get one. */
  async require(job: HelperJob): Promise<string> {
    const image = await this.find(job);
    if (!image) throw new HelperImageMissingError(this.configured());
    return image;
  }

  /**
   * The image for the job; when the engine has none that fits, asks to pull
   * the configured image and pulls it with progress. Undefined when the user
   * declined or the pull failed (the failure has been shown).
   */
  async ensure(job: HelperJob, purpose: string): Promise<string | undefined> {
    const found = await this.find(job);
    if (found) return found;
    const image = this.configured();
    const need =
      job === 'run'
        ? `${purpose} runs \`rm\` in a short-lived helper container with only that volume mounted and no network, and no image on this engine is known to have a shell and rm.`
        : `${purpose} reads the volume through a helper container that is created and never started, and every image on this engine declares volumes of its own (or there is none).`;
    const answer = await vscode.window.showWarningMessage(
      `Dockhand needs the helper image ${image}, which is not on this Docker engine.`,
      { modal: true, detail: `${need}\n\nPull ${image} now? (Set dockhand.volumes.helperImage to use another image.)` },
      'Pull',
    );
    if (answer !== 'Pull') return undefined;
    try {
      const { docker } = await this.session.engine();
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Pulling ${image}`, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          let reported = 0;
          await pullImage(
            docker,
            image,
            (p) => {
              const percent = p.fraction === undefined ? undefined : Math.round(p.fraction * 100);
              const increment = percent === undefined ? undefined : Math.max(0, percent - reported);
              if (percent !== undefined) reported = Math.max(reported, percent);
              progress.report({ message: percent === undefined ? p.status : `${p.status} (${percent} %)`, increment });
            },
            abort.signal,
          );
        },
      );
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not pull ${image}: ${await this.session.explain(error)}`);
      return undefined;
    }
    this.forget();
    return (await this.find(job)) ?? image;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

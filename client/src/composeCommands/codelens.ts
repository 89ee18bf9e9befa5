// CodeLens on a compose file: "Up all" / "Down" above `services:`, and above
// each service "Up", "Logs" and its live state from the engine. The state is
// refreshed when the engine reports a container event for the project (its
// /events stream), not by polling.
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { isComposeDocument } from '../composeFiles';
import { resolveDockerHost } from '../docker/connection';
import { dockerClient } from '../docker/engine';
import { watchEngineEvents } from '../docker/events';
import { LensRefresh } from '../lensRefresh';
import { PROJECT_LABEL } from '../docker/projects';
import { requestProjectInfo, resolveProject } from './project';
import { readComposeSettings } from './settings';
import { projectServiceStates, statusLabel, type ServiceStatus } from '../compose/state';

const STATE_ICON: Record<ServiceStatus['state'], string> = {
  running: '$(pass-filled)',
  exited: '$(circle-slash)',
  other: '$(loading)',
  'not-created': '$(circle-outline)',
};

/**
 * A file that defines more services than this gets the lenses on `services:` only, and one that says so.
 * VS Code moves every lens of a file on each keystroke (its CodeLens contribution walks all of them on every
 * change of the text) and lays them all out again each time it asks for them, after every pause.
 */
export const MOST_SERVICES_WITH_LENSES = 1000;

const LENS_LIMIT_WHY = `Above ${MOST_SERVICES_WITH_LENSES.toLocaleString('en-US')} services a file has no lens for each service: VS Code moves every lens of a file at each keystroke, and typing would slow down. Pick the services to run here.`;

export class ComposeCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private stopEvents?: () => void;
  private watchedHost?: string;
  private refreshTimer?: NodeJS.Timeout;
  private engineReachable = true;
  private readonly refresh = new LensRefresh({
    signal: () => this.changed.fire(),
    onScreen: () => vscode.window.visibleTextEditors.some((e) => isComposeDocument(e.document)),
  });

  /** Re-ask for lenses soon; events come in bursts (create, start, attach...), so coalesce them. */
  refreshSoon(delayMs = 250): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh.changed(), delayMs);
  }

  private async docker(uri: vscode.Uri): Promise<Docker> {
    const host = await resolveDockerHost(readComposeSettings(uri).dockerHost);
    if (this.watchedHost !== host.host) {
      this.stopEvents?.();
      this.watchedHost = host.host;
      // No timeout for this client: the event stream stays open.
      this.stopEvents = watchEngineEvents(dockerClient(host), () => this.refreshSoon(), {
        types: ['container'],
        labels: [PROJECT_LABEL],
        onConnection: (connected) => {
          if (connected !== this.engineReachable) {
            this.engineReachable = connected;
            this.refreshSoon();
          }
        },
      });
    }
    return dockerClient(host, { timeoutMs: 5000 });
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    this.refresh.asked();
    const settings = readComposeSettings(document.uri);
    if (!settings.codeLens || document.uri.scheme !== 'file') return [];
    // Asked after every edit: only where each service is, not what it holds (a file of thousands of services).
    const info = await requestProjectInfo(document.uri, undefined, 'places', MOST_SERVICES_WITH_LENSES);
    const lenses: vscode.CodeLens[] = [];
    const uri = document.uri;
    const servicesLine = info?.servicesRange?.start.line;
    // A file whose services a main file only takes with `extends` is a fragment of that project: no run of its
    // own (it would make a project of the same name beside the main file's), a lens to the file that runs it.
    if (info?.extendedBy !== undefined && servicesLine !== undefined) {
      const main = vscode.Uri.file(info.extendedBy);
      const shown = vscode.workspace.asRelativePath(main);
      return [new vscode.CodeLens(new vscode.Range(servicesLine, 0, servicesLine, 0), {
        title: `$(references) Extended by ${shown}`,
        command: 'vscode.open',
        arguments: [main],
        tooltip: `${shown} takes services from this file with extends: run them from there. Up here would start this file's services as a project of their own, beside the one ${shown} makes.`,
      })];
    }
    if (servicesLine !== undefined) {
      const range = new vscode.Range(servicesLine, 0, servicesLine, 0);
      // A file another project includes runs in that project (server/src/model/includingProject.ts): the lenses name it.
      const runsIn = settings.projectName || info?.projectName;
      const including = info?.includedBy === undefined || !runsIn ? undefined : { project: runsIn, tooltip: includedTooltip(info.includedBy, runsIn) };
      lenses.push(
        new vscode.CodeLens(range, { title: including ? `$(run-all) Up ${including.project}` : '$(run-all) Up all', command: 'dockhand.composeUp', arguments: [uri], tooltip: including?.tooltip }),
        new vscode.CodeLens(range, { title: including ? `$(debug-stop) Down ${including.project}` : '$(debug-stop) Down', command: 'dockhand.composeDown', arguments: [uri], tooltip: including?.tooltip }),
        new vscode.CodeLens(range, { title: '$(type-hierarchy) Show Topology', command: 'dockhand.showTopology', arguments: [uri] }),
      );
      const count = info?.servicesHere ?? 0;
      if (count > MOST_SERVICES_WITH_LENSES) {
        lenses.push(new vscode.CodeLens(range, { title: `$(checklist) Up Services… (${count.toLocaleString('en-US')} services: no lens for each)`, command: 'dockhand.composeUpSelect', arguments: [uri], tooltip: LENS_LIMIT_WHY }));
      }
    }
    const services = info?.servicePlaces ?? [];
    if (services.length === 0) return lenses;

    let states: Map<string, ServiceStatus> | undefined;
    let stateError: string | undefined;
    if (vscode.workspace.isTrusted) {
      try {
        const resolved = await resolveProject(uri, settings, info);
        states = await projectServiceStates(await this.docker(uri), resolved.projectName);
      } catch {
        stateError = 'engine not reachable';
      }
    }
    for (const service of services) {
      const r = service.range;
      const range = new vscode.Range(r.start.line, r.start.character, r.start.line, r.start.character);
      lenses.push(new ServiceLens(range, uri, service.name, { kind: 'up' }), new ServiceLens(range, uri, service.name, { kind: 'logs' }));
      if (service.watches) lenses.push(new ServiceLens(range, uri, service.name, { kind: 'watch' }));
      if (states) lenses.push(new ServiceLens(range, uri, service.name, { kind: 'state', status: states.get(service.name) ?? { state: 'not-created' } }));
      else if (stateError) lenses.push(new ServiceLens(range, uri, service.name, { kind: 'unknown', why: stateError }));
    }
    return lenses;
  }

  /** A service's lens gets its command when it comes into view: a file of thousands of services has thousands of lenses. */
  resolveCodeLens(lens: vscode.CodeLens): vscode.CodeLens {
    if (lens instanceof ServiceLens) lens.command = lens.commandFor();
    return lens;
  }

  dispose(): void {
    this.stopEvents?.();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refresh.dispose();
    this.changed.dispose();
  }
}

/** Why the lenses of an included file name another project. */
function includedTooltip(includedBy: string, project: string): string {
  return `${vscode.workspace.asRelativePath(includedBy)} includes this file: Compose runs its services in project ${project}, with the services of that file`;
}

/** What one of a service's lenses offers: a command, or what the engine says of the service (or why it cannot say). */
type ServiceLensKind = { kind: 'up' } | { kind: 'logs' } | { kind: 'watch' } | { kind: 'state'; status: ServiceStatus } | { kind: 'unknown'; why: string };

/**
 * One of a service's lenses. VS Code asks for a file's lenses after every edit, and a file of thousands of
 * services has thousands: each is made with its place alone, and its command only when it comes into view
 * (resolveCodeLens). Measured in code-server on 5,000 services, 43 keys typed in a service: the window's
 * script time was 11.4 s with every lens whole (and every unchanged list of diagnostics sent again), 7.4 s
 * with lenses resolved in view (and those lists held), 5.4-5.8 s with no lens per service (above).
 */
class ServiceLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    private readonly uri: vscode.Uri,
    private readonly service: string,
    private readonly shows: ServiceLensKind,
  ) {
    super(range);
  }

  commandFor(): vscode.Command {
    const { uri, service, shows } = this;
    switch (shows.kind) {
      case 'up':
        return { title: '$(play) Up', command: 'dockhand.composeUp', arguments: [uri, [service]] };
      case 'logs':
        return { title: '$(output) Logs', command: 'dockhand.composeLogs', arguments: [uri, [service]] };
      case 'watch':
        return { title: '$(eye) Watch', command: 'dockhand.composeWatch', arguments: [uri, [service]], tooltip: `Compose Watch: start the project and sync or rebuild ${service} as its develop.watch rules say` };
      case 'state':
        return { title: `${STATE_ICON[shows.status.state]} ${statusLabel(shows.status)}`, command: '', tooltip: `State of ${service} in the Docker engine` };
      case 'unknown':
        return { title: `$(warning) ${shows.why}`, command: '' };
    }
  }
}

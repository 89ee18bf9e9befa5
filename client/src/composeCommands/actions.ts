// The Compose commands themselves: which file, which services, then one
// Compose run in a terminal, with progress, and advice when it fails.
import * as vscode from 'vscode';
import { COMPOSE_FILE_GLOB, isComposeFileName } from '../../../common/src/composeFiles';
import { isComposeDocument } from '../composeFiles';
import { composeArgv, type ComposeAction } from '../compose/argv';
import { projectFor } from '../compose/profiles';
import { versionAtLeast, type ComposeCommand } from '../compose/cli';
import type { Fault } from '../compose/faults';
import { requireTrust, showFault } from './notify';
import { requestProjectInfo, resolveProject, type ResolvedProject } from './project';
import { checkEngine, prepareCompose, runCompose, type Prepared } from '../compose/session';
import { runProcess } from '../compose/runner';
import { composeLogsNotice } from '../docker/logsNotice';
import { watchPlan } from '../compose/watch';
import { readComposeSettings } from './settings';
import { runInTerminal } from './terminal';

/** The compose file a command is about: its argument, the active editor, or one the user picks. */
export async function targetComposeFile(arg?: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) return arg;
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.uri.scheme === 'file' && (isComposeDocument(editor.document) || isComposeFileName(editor.document.fileName))) {
    return editor.document.uri;
  }
  const files = await vscode.workspace.findFiles(COMPOSE_FILE_GLOB, '**/node_modules/**', 200);
  if (files.length === 0) {
    void vscode.window.showWarningMessage('No Compose file here: open a compose.yaml (or docker-compose.yml) and run the command again.');
    return undefined;
  }
  if (files.length === 1) return files[0];
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Which Compose file?' },
  );
  return picked?.uri;
}

/** `--ansi` came with Compose 1.28. */
function supportsAnsi(compose: ComposeCommand): boolean {
  return versionAtLeast(compose.version, [1, 28]);
}

export interface ComposeContext {
  resolved: ResolvedProject;
  prepared: Prepared;
}

/** Finds Compose and the project; a fault is shown and undefined returned when something is missing. */
export async function composeContext(uri: vscode.Uri, needsEngine: boolean): Promise<ComposeContext | undefined> {
  const settings = readComposeSettings(uri);
  const [resolved, prepared] = await Promise.all([
    resolveProject(uri, settings),
    prepareCompose({ composeCommand: settings.composeCommand, dockerHost: settings.dockerHost }),
  ]);
  if (!prepared.ok) {
    void showFault(prepared.fault);
    return undefined;
  }
  if (needsEngine) {
    const fault = await checkEngine(prepared.value.host);
    if (fault) {
      void showFault(fault);
      return undefined;
    }
  }
  return { resolved, prepared: prepared.value };
}

const LONG_RUNNING: ComposeAction['name'][] = ['up', 'down', 'restart', 'stop', 'start', 'pull', 'build'];

/** Runs one Compose action on a file in a terminal; resolves when it ends (logs -f: when the user stops it). */
export async function runComposeInTerminal(uri: vscode.Uri, action: ComposeAction, context?: ComposeContext): Promise<{ code: number | null } | undefined> {
  if (!requireTrust('run Compose')) return undefined;
  const ctx = context ?? (await composeContext(uri, true));
  if (!ctx) return undefined;
  const { prepared } = ctx;
  // Down, stop and ps concern every container of the project, whichever profile made it (compose/profiles.ts).
  const resolved = { ...ctx.resolved, project: projectFor(action, ctx.resolved.project, ctx.resolved.info?.profiles ?? []) };
  let fault: Fault | undefined;
  const title = `Compose ${action.name}: ${resolved.projectName}`;
  const ansi = supportsAnsi(prepared.compose) ? ('always' as const) : undefined;
  // The same argv runCompose builds, for the terminal's first line.
  const shown = composeArgv(prepared.compose, resolved.project, action, { ansi });
  const run = runInTerminal(prepared.compose.command, shown, {
    name: title,
    cwd: resolved.project.workingDirectory,
    following: action.name === 'logs' && action.follow ? composeLogsNotice(action.services ?? [], action.tail) : action.name === 'watch' ? WATCH_NOTICE : undefined,
    progressTitle: LONG_RUNNING.includes(action.name) ? `${title}…` : undefined,
    run: async ({ onOutput, signal }) => {
      const outcome = await runCompose(prepared, resolved.project, action, {
        onOutput,
        signal,
        ansi,
        skipEngineCheck: true,
        services: resolved.info?.services,
        projectName: resolved.projectName,
      });
      if (!outcome.ok) {
        fault = outcome.fault;
        return { code: 1, signal: null, stdout: '', stderr: outcome.fault.message, output: outcome.fault.message, cancelled: false, timedOut: false };
      }
      fault = outcome.value.fault;
      return outcome.value.result;
    },
  });
  const result = await run.result;
  if (fault) void showFault(fault, run.terminal);
  return { code: result.code };
}

/** The project's services: from the server, else from Compose itself (`config --services`), never by reading YAML here. */
export async function projectServices(ctx: ComposeContext): Promise<string[]> {
  if (ctx.resolved.info) return ctx.resolved.info.services.map((s) => s.name);
  const args = [...composeArgv(ctx.prepared.compose, ctx.resolved.project, { name: 'config' }), '--services'];
  const r = await runProcess(ctx.prepared.compose.command, args, { cwd: ctx.resolved.project.workingDirectory, env: ctx.prepared.env, timeoutMs: 30_000 });
  return r.code === 0 ? r.stdout.split('\n').map((s) => s.trim()).filter(Boolean) : [];
}

/** Service names passed by a CodeLens; menus pass other things there (an explorer selection, a group id). */
function asServices(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

export async function composeUp(arg?: unknown, services?: unknown): Promise<void> {
  const target = await targetComposeFile(arg);
  const uri = target && (await upTargetFor(target));
  if (!uri) return;
  const build = readComposeSettings(uri).buildOnUp;
  await runComposeInTerminal(uri, { name: 'up', build, services: asServices(services) });
}

/**
 * The file to run Up on: `uri`, unless a main file only takes services from it with `extends` (server:
 * model/includingProject.ts). Up there would start its services as a project of their own, named like the main
 * file's and beside it: the user picks the main file, this file anyway, or nothing.
 */
async function upTargetFor(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const info = await requestProjectInfo(uri, undefined, 'places', 0);
  if (info?.extendedBy === undefined) return uri;
  const main = vscode.Uri.file(info.extendedBy);
  const here = vscode.workspace.asRelativePath(uri);
  const there = vscode.workspace.asRelativePath(main);
  const runMain = `Up ${there}`;
  const choice = await vscode.window.showWarningMessage(
    `${there} takes services from ${here} with extends. Up on ${here} alone would start its services as a project of their own, beside the one ${there} makes.`,
    { modal: true },
    runMain,
    'Up This File Anyway',
  );
  return choice === runMain ? main : choice === 'Up This File Anyway' ? uri : undefined;
}

export async function composeUpSelect(arg?: unknown): Promise<void> {
  const uri = await targetComposeFile(arg);
  if (!uri || !requireTrust('run Compose')) return;
  const ctx = await composeContext(uri, true);
  if (!ctx) return;
  const services = await projectServices(ctx);
  const profiles = ctx.resolved.info?.profiles ?? [];
  type Item = vscode.QuickPickItem & { service?: string; profile?: string };
  // Looked up by name: a file of thousands of services is where this picker replaces the lens for each.
  const described = new Map(ctx.resolved.info?.services.map((s) => [s.name, s]));
  const items: Item[] = [
    { label: 'Services', kind: vscode.QuickPickItemKind.Separator },
    ...services.map((service) => {
      const info = described.get(service);
      return { label: service, description: info?.profiles.length ? `profiles: ${info.profiles.join(', ')}` : info?.image, service };
    }),
  ];
  if (profiles.length) {
    items.push({ label: 'Profiles', kind: vscode.QuickPickItemKind.Separator });
    items.push(...profiles.map((profile) => ({ label: profile, description: 'profile: starts its services too', profile })));
  }
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Compose Up: which services and profiles?' });
  if (!picked || picked.length === 0) return;
  const chosenServices = picked.flatMap((p) => (p.service ? [p.service] : []));
  const chosenProfiles = picked.flatMap((p) => (p.profile ? [p.profile] : []));
  // A picked service that has a profile needs that profile enabled, or Compose refuses it.
  const needed = chosenServices.flatMap((s) => ctx.resolved.info?.services.find((x) => x.name === s)?.profiles.slice(0, 1) ?? []);
  const allProfiles = [...new Set([...(ctx.resolved.project.profiles ?? []), ...chosenProfiles, ...needed])];
  ctx.resolved.project = { ...ctx.resolved.project, profiles: allProfiles };
  const build = readComposeSettings(uri).buildOnUp;
  await runComposeInTerminal(uri, { name: 'up', build, services: chosenServices.length ? chosenServices : undefined }, ctx);
}

export async function composeDown(arg?: unknown): Promise<void> {
  const uri = await targetComposeFile(arg);
  if (!uri) return;
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Down', description: 'stop and remove containers and networks; keep volumes', volumes: false },
      { label: 'Down and remove volumes', description: 'also deletes the named volumes: their data is lost', volumes: true },
    ],
    { title: 'Compose Down' },
  );
  if (!choice) return;
  if (choice.volumes) {
    const confirm = await vscode.window.showWarningMessage(
      'Remove the project\'s volumes too? This deletes the data in them (databases, uploads...) and cannot be undone.',
      { modal: true },
      'Delete Volumes',
    );
    if (confirm !== 'Delete Volumes') return;
  }
  await runComposeInTerminal(uri, { name: 'down', volumes: choice.volumes });
}

export function simpleAction(name: 'restart' | 'stop' | 'start' | 'pull' | 'build' | 'ps') {
  return async (arg?: unknown, services?: unknown): Promise<void> => {
    const uri = await targetComposeFile(arg);
    if (!uri) return;
    const list = asServices(services);
    await runComposeInTerminal(uri, name === 'ps' ? { name, services: list, all: true } : { name, services: list });
  };
}

export async function composeLogs(arg?: unknown, services?: unknown): Promise<void> {
  const uri = await targetComposeFile(arg);
  if (!uri || !requireTrust('run Compose')) return;
  const ctx = await composeContext(uri, true);
  if (!ctx) return;
  let chosen = asServices(services);
  if (!chosen) {
    const all = await projectServices(ctx);
    const picked = await vscode.window.showQuickPick(
      [{ label: 'All services', all: true }, ...all.map((label) => ({ label, all: false }))],
      { canPickMany: true, title: 'Compose Logs (follow): which services?' },
    );
    if (!picked || picked.length === 0) return;
    chosen = picked.some((p) => p.all) ? [] : picked.map((p) => p.label);
  }
  await runComposeInTerminal(uri, { name: 'logs', follow: true, tail: 200, services: chosen }, ctx);
}

/** Said under the command line of a Compose Watch terminal: what it does, and how it ends (measured with 2.26.1: the containers stay up). */
const WATCH_NOTICE = {
  intro: 'Compose builds and starts the project, then syncs or rebuilds a service when files its develop.watch rules name change. Close this terminal or press Ctrl+C to stop watching: the containers keep running (Compose Down stops them).',
};

/**
 * Compose Watch on the file's project: every service with `develop.watch` rules, or the one a CodeLens names. What
 * cannot work (a Compose without `watch`, nothing to watch) is said before Compose starts anything.
 */
export async function composeWatch(arg?: unknown, services?: unknown): Promise<void> {
  const uri = await targetComposeFile(arg);
  if (!uri || !requireTrust('run Compose')) return;
  const ctx = await composeContext(uri, true);
  if (!ctx) return;
  const plan = watchPlan(ctx.prepared.compose.version, ctx.resolved.projectName, ctx.resolved.info?.services, asServices(services));
  if (!plan.ok) {
    void vscode.window.showWarningMessage(plan.message);
    return;
  }
  await runComposeInTerminal(uri, { name: 'watch', services: plan.services.length > 0 ? plan.services : undefined }, ctx);
}

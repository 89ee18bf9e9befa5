// Deploy Stack, Remove Stack and the stack's replica counts. A stack needs a
// Swarm manager: we check first and say so; `docker swarm init` is offered,
// never run unasked.
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { describeHost, dockerEnv } from '../docker/connection';
import { connectEngine, type Engine } from '../docker/engine';
import { targetComposeFile } from './actions';
import { classifyEngineError, classifyFault } from '../compose/faults';
import { requireTrust, showFault } from './notify';
import { requestProjectInfo } from './project';
import { readComposeSettings } from './settings';
import {
  defaultStackName,
  formatReplicas,
  isValidStackName,
  listStacks,
  notAManagerReason,
  stackDeployArgs,
  stackRemoveArgs,
  stackServices,
  swarmInitArgs,
  swarmState,
} from '../compose/stack';
import { runInTerminal } from './terminal';

/** The engine of the file's settings, with a timeout: Swarm calls answer quickly or not at all. */
function stackEngine(uri?: vscode.Uri): Promise<Engine> {
  return connectEngine(readComposeSettings(uri).dockerHost, { timeoutMs: 10_000 });
}

/** True when the engine is a Swarm manager; otherwise says why, and offers `swarm init` on request. */
async function ensureManager(engine: Engine): Promise<boolean> {
  let state;
  try {
    state = await swarmState(engine.docker);
  } catch (error) {
    void showFault(classifyEngineError(error, { host: describeHost(engine.host), hostSource: engine.host.source }));
    return false;
  }
  const reason = notAManagerReason(state, describeHost(engine.host));
  if (!reason) return true;
  const offer = state.localNodeState === 'inactive' ? ['Initialize a Swarm…'] : [];
  const choice = await vscode.window.showErrorMessage(reason, ...offer);
  if (choice !== 'Initialize a Swarm…') return false;
  const confirm = await vscode.window.showWarningMessage(
    `Make the engine at ${describeHost(engine.host)} a single-node Swarm manager (docker swarm init)? You can undo it with \`docker swarm leave --force\`.`,
    { modal: true },
    'Initialize Swarm',
  );
  if (confirm !== 'Initialize Swarm') return false;
  const run = runInTerminal('docker', swarmInitArgs(), { name: 'docker swarm init', cwd: process.cwd(), env: dockerEnv(engine.host) });
  const result = await run.result;
  if (result.code !== 0) {
    // A host with several addresses needs --advertise-addr: Docker's message says so.
    void vscode.window.showErrorMessage(`docker swarm init failed: ${result.output.trim().split('\n').pop()} Run it yourself with --advertise-addr <ip>.`);
    return false;
  }
  return true;
}

async function pickStack(engine: Engine, title: string): Promise<string | undefined> {
  let stacks: string[];
  try {
    stacks = await listStacks(engine.docker);
  } catch (error) {
    void showFault(classifyEngineError(error, { host: describeHost(engine.host), hostSource: engine.host.source }));
    return undefined;
  }
  if (stacks.length === 0) {
    void vscode.window.showInformationMessage(`No stacks are deployed on ${describeHost(engine.host)}.`);
    return undefined;
  }
  return vscode.window.showQuickPick(stacks, { title });
}

export async function deployStack(arg?: unknown): Promise<void> {
  const uri = await targetComposeFile(arg);
  if (!uri || !requireTrust('deploy stacks')) return;
  const engine = await stackEngine(uri);
  if (!(await ensureManager(engine))) return;
  const answer = await requestProjectInfo(uri);
  // A file another Compose file includes answers for that project, which `docker stack deploy` cannot read (it knows
  // no `include`): the file is deployed as itself, as before.
  const info = answer?.includedBy === undefined ? answer : undefined;
  const name = await vscode.window.showInputBox({
    title: 'Deploy Stack: stack name',
    value: info?.projectName ?? defaultStackName(basename(dirname(uri.fsPath))),
    validateInput: (v) => (isValidStackName(v) ? undefined : 'Letters, digits, "_", "." and "-", starting with a letter or digit'),
  });
  if (!name) return;
  // Stacks take the files Compose would merge (main, override), in the same order.
  const files = info?.files.length ? info.files : [uri.fsPath];
  const args = stackDeployArgs(files, name, { resolveImage: readComposeSettings(uri).stackResolveImage });
  const run = runInTerminal('docker', args, {
    name: `Deploy stack ${name}`,
    cwd: dirname(uri.fsPath),
    env: dockerEnv(engine.host),
    progressTitle: `Deploying stack ${name}…`,
  });
  const result = await run.result;
  if (result.code !== 0 && !result.cancelled) {
    const fault = classifyFault(result.output, { host: describeHost(engine.host), hostSource: engine.host.source });
    void showFault(fault ?? { kind: 'failed', message: `docker stack deploy failed (exit ${result.code}).`, advice: 'See the terminal for Docker\'s message.' }, run.terminal);
    return;
  }
  if (result.code === 0) {
    const choice = await vscode.window.showInformationMessage(`Stack ${name} deployed.`, 'Show Replicas');
    if (choice) await showStackServices(name, uri);
  }
}

export async function removeStack(): Promise<void> {
  if (!requireTrust('remove stacks')) return;
  const engine = await stackEngine();
  const name = await pickStack(engine, 'Remove which stack?');
  if (!name) return;
  const confirm = await vscode.window.showWarningMessage(
    `Remove stack ${name}? Its services, networks, configs and secrets are removed (volumes are kept).`,
    { modal: true },
    'Remove Stack',
  );
  if (confirm !== 'Remove Stack') return;
  const run = runInTerminal('docker', stackRemoveArgs(name), { name: `Remove stack ${name}`, cwd: process.cwd(), env: dockerEnv(engine.host), progressTitle: `Removing stack ${name}…` });
  await run.result;
}

export async function showStackServices(stackName?: string, uri?: vscode.Uri): Promise<void> {
  const engine = await stackEngine(uri);
  const name = typeof stackName === 'string' ? stackName : await pickStack(engine, 'Replicas of which stack?');
  if (!name) return;
  try {
    const services = await stackServices(engine.docker, name);
    if (services.length === 0) {
      void vscode.window.showInformationMessage(`Stack ${name} has no services (yet).`);
      return;
    }
    await vscode.window.showQuickPick(
      services.map((s) => ({
        label: `${s.running === s.desired ? '$(pass-filled)' : '$(sync~spin)'} ${s.service}`,
        description: `${s.running}/${s.desired} running`,
        detail: `${s.name} (${s.mode})`,
      })),
      { title: `Stack ${name}: ${formatReplicas(services)}` },
    );
  } catch (error) {
    void showFault(classifyEngineError(error, { host: describeHost(engine.host), hostSource: engine.host.source }));
  }
}

// The Compose project of a file, for running it: the language server says
// which files it has, in what order, its name and services (the client never
// parses Compose files); without a server, the file and its override sibling.
// User settings (env file, profiles, project name) are laid on top.
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import { normalizeProjectName } from '../../../common/src/projectName';
import { ProjectInfoRequest, type ProjectInfo, type ProjectInfoParams, type ProjectInfoServices } from '../../../common/src/protocol';
import { languageClient } from '../languageClient';
import type { ComposeProject } from '../compose/argv';
import { fallbackProject } from '../compose/session';
import type { ComposeUserSettings } from './settings';

export interface ResolvedProject {
  /** The compose file the command was run on. */
  uri: vscode.Uri;
  project: ComposeProject;
  /** What the server knows, when it answered. */
  info?: ProjectInfo;
  /** The name Compose labels containers with: the setting, the server's answer, or the folder name. */
  projectName: string;
}

/** `services`: how much the caller reads of the services, `placesUpTo`: how many places at most (ProjectInfoParams); the commands read them all. */
export async function requestProjectInfo(uri: vscode.Uri, timeoutMs = 5000, services: ProjectInfoServices = 'full', placesUpTo?: number): Promise<ProjectInfo | undefined> {
  const client = languageClient();
  if (!client || !client.isRunning()) return undefined;
  try {
    const params: ProjectInfoParams = { uri: uri.toString(), services, ...(placesUpTo === undefined ? {} : { placesUpTo }) };
    const answer = await Promise.race([
      client.sendRequest(ProjectInfoRequest, params),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs)),
    ]);
    return answer ?? undefined;
  } catch {
    return undefined; // The fallback below still runs Compose; Compose itself reports file errors.
  }
}

export async function resolveProject(uri: vscode.Uri, settings: ComposeUserSettings, known?: ProjectInfo): Promise<ResolvedProject> {
  const file = uri.fsPath;
  const info = known ?? (await requestProjectInfo(uri));
  const base: ComposeProject =
    info && info.files.length > 0 ? { files: info.files, workingDirectory: info.workingDirectory || dirname(info.files[0]) } : fallbackProject(file);
  const project: ComposeProject = { ...base };
  if (settings.envFile) {
    const envFile = isAbsolute(settings.envFile) ? settings.envFile : resolve(project.workingDirectory, settings.envFile);
    if (existsSync(envFile)) project.envFiles = [envFile];
  }
  if (settings.profiles.length) project.profiles = [...settings.profiles];
  if (settings.projectName) project.projectName = settings.projectName;
  const projectName =
    settings.projectName || info?.projectName || process.env.COMPOSE_PROJECT_NAME || normalizeProjectName(basename(project.workingDirectory));
  return { uri, project, info, projectName };
}

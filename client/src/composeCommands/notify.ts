// Shows a fault as a notification (callers do not wait for it to be dismissed):
// what happened, what to do, and a button
// that helps (open the setting, show the terminal, open the fault's guide
// when the advice is too long for a toast). Never a stack trace.
import * as vscode from 'vscode';
import type { Fault } from '../compose/faults';
import { showGuide } from './guide';

export async function showFault(fault: Fault, terminal?: vscode.Terminal): Promise<void> {
  const actions: string[] = [];
  if (fault.guide) actions.push(fault.guide.button);
  if (terminal) actions.push('Show Output');
  if (fault.kind === 'compose-missing') actions.push('Open Settings');
  if (fault.kind === 'engine-unreachable' || fault.kind === 'permission-denied') actions.push('Open Settings');
  // Compose's own words first for file errors: that is what the user must fix.
  const said = fault.detail?.split('\n').slice(-6).join(' ').trim();
  const detail = said ? ` Compose says: ${said}${/[.!?]$/.test(said) ? '' : '.'}` : '';
  const text = `${fault.message}${detail}${fault.advice ? ` ${fault.advice}` : ''}`;
  const choice = await vscode.window.showErrorMessage(text, ...actions);
  if (choice === 'Show Output') terminal?.show();
  if (fault.guide && choice === fault.guide.button) await showGuide(fault.guide);
  if (choice === 'Open Settings') {
    const setting = fault.kind === 'compose-missing' ? 'dockhand.composeCommand' : 'dockhand.dockerHost';
    await vscode.commands.executeCommand('workbench.action.openSettings', setting);
  }
}

/** Handlers that run programs refuse in an untrusted workspace, and say why. */
export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      `Dockhand does not ${what} in an untrusted workspace: a Compose file can run any program and mount any folder. Trust the workspace to allow it.`,
      'Manage Workspace Trust',
    )
    .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}

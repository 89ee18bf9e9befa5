// The set-up of the e2e suites that run a Compose project on the real engine:
// before the suite, the engine is there, the project's files are written to a
// fresh folder and VS Code opens it with the project name as Dockhand's
// setting; after it, the project's containers, networks and volumes, the
// session and the folder go.
//
// The name is a setting (Compose's -p) rather than a top-level `name:` because
// Compose v1 knows no `name:`; a unique name keeps this run's containers apart
// from anything else on the engine.
import { after, before } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureEngine, removeProject, tempProject, TEST_IMAGE, type TempProject } from '../../docker/helpers/engine';
import { openSession, type Session } from './index';
import { focusWorkbench } from './workbench';

/**
 * One service that runs quietly (`sleep` writes nothing, so its Logs terminal
 * starts empty) and stops at once, with a named volume mounted: the project the
 * views and volume suites look at.
 */
export const QUIET_APP_WITH_VOLUME = `services:
  app:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    volumes:
      - data:/data
volumes:
  data: {}
`;

export interface EngineProjectOptions {
  /** The Compose project name: make it with `uniqueName`. */
  readonly name: string;
  /** The project's files (relative path -> text). */
  readonly files: Record<string, string>;
  /** How the temporary folder's name starts, to tell the suites' folders apart. */
  readonly folderPrefix: string;
  /** More user settings, beside the project name. */
  readonly settings?: Record<string, unknown>;
  /** More environment for code-server and the extension host. */
  readonly env?: Record<string, string>;
  /** Runs once the files are written, before VS Code opens the folder (copy more in, say). */
  readonly prepare?: (dir: string) => void;
}

/** What the suite uses once its `before` has run. */
export interface EngineProject {
  readonly name: string;
  /** The folder the files were written to (VS Code opens a copy: `session.server.workspace`). */
  readonly dir: string;
  readonly session: Session;
  /** The workbench, focused. */
  readonly page: Page;
}

/**
 * Registers the suite's `before` and `after` for a project on the engine
 * opened in VS Code; call it at the top level of the test file, before the
 * suite's own hooks.
 */
export function engineProjectSuite(options: EngineProjectOptions): EngineProject {
  let folder: TempProject | undefined;
  let session: Session | undefined;
  let page: Page | undefined;
  before(async () => {
    await ensureEngine();
    folder = tempProject(options.files, options.folderPrefix);
    options.prepare?.(folder.dir);
    session = await openSession({
      workspace: folder.dir,
      settings: { 'dockhand.compose.projectName': options.name, ...options.settings },
      ...(options.env ? { env: options.env } : {}),
    });
    page = await session.browser.openWorkbench();
    await focusWorkbench(page);
  });
  after(async () => {
    await removeProject(options.name).catch(() => undefined);
    await session?.stop();
    folder?.cleanup();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the project ${options.name} is not open: its before() did not run or failed`);
    return value;
  };
  return {
    name: options.name,
    get dir() {
      return opened(folder).dir;
    },
    get session() {
      return opened(session);
    },
    get page() {
      return opened(page);
    },
  };
}

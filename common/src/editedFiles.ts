// Which files the language server reads the text of, besides Compose files:
// env files (`.env`, `env_file`) and Dockerfiles (build stages, EXPOSE).
// The client tells the server what the editor holds of these while they are
// open (EditedFileNotification), so their findings follow the typing rather
// than the last save. By name, as projects name them: `.env`, `.env.local`,
// `web.env`, `Dockerfile`, `Dockerfile.dev`, `app.Dockerfile`, `Containerfile`.
// An env file named otherwise (`env_file: settings.conf`) is sent once the
// server says it reads it (ReadFilesNotification).

/** The editor's languages for these files, where an extension gives them one. */
const LANGUAGES = new Set(['dockerfile', 'dotenv']);

const NAMES = /^(?:\.env(?:\..+)?|.+\.env|(?:Dockerfile|Containerfile)(?:\..+)?|.+\.(?:dockerfile|Dockerfile))$/;

/** Largest text sent: env files and Dockerfiles are small; a large file of that name is read from disk. */
export const MAX_EDITED_FILE_CHARS = 512 * 1024;

/** Whether the server reads a file of this name (the last path segment) and language. */
export function isReadBesideCompose(basename: string, languageId?: string): boolean {
  return (languageId !== undefined && LANGUAGES.has(languageId)) || NAMES.test(basename);
}

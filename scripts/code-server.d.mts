// Types for code-server.mjs (used from the TypeScript e2e tests).
export declare const CODE_SERVER_VERSION: string;
export declare const codeServerPrefix: string;
/** The Chromium the e2e tier drives (DOCKHAND_CHROMIUM, or Debian's). */
export declare const chromiumPath: string;
/** Makes sure the Debian packages the install and the e2e tier need are there (installs them as root on Debian; otherwise throws, saying what to install). */
export declare function ensureSystemPackages(options?: { needChromium?: boolean }): Promise<void>;
/** A TCP port free on the loopback interface now. */
export declare function freeLoopbackPort(): Promise<number>;
/** The flags that serve VS Code on 127.0.0.1:`port` only, without a password, telemetry or update check. */
export declare function serveArgs(port: number): string[];
/** Resolves to Node 24 and the code-server entry script to run with it, installing code-server first when missing. */
export declare function ensureCodeServer(): Promise<{ node: string; entry: string }>;

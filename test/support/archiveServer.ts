// A stand-in for GitHub's archive downloads (codeload): serves tar.gz
// archives built from in-memory files at /<owner>/<repo>/tar.gz/<commit>, on
// a loopback port, so `corpus:fetch` is tested end to end without internet.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** repo ("owner/name") -> commit -> path in the repository -> content. */
export type Archives = Map<string, Map<string, Map<string, Buffer | string>>>;

async function tarGz(top: string, files: Map<string, Buffer | string>): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => p.on('end', () => resolve()));
  for (const [path, content] of files) p.entry({ name: `${top}/${path}` }, content);
  p.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

export async function serveArchives(archives: Archives): Promise<{ base: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const m = /^\/([^/]+\/[^/]+)\/tar\.gz\/([0-9a-f]+)$/.exec(req.url ?? '');
    const files = m ? archives.get(m[1]!)?.get(m[2]!) : undefined;
    if (!m || !files) {
      res.writeHead(404).end('not found');
      return;
    }
    tarGz(`${m[1]!.split('/')[1]}-${m[2]}`, files).then((body) => res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// Deterministic Compose files of N services (about 25 lines each) for the
// benchmark: ports, environment URLs, depends_on with conditions, networks,
// named and bind volumes, resource limits and healthchecks, plus the
// top-level networks and volumes they use, so a server that resolves names
// has real work to do. Same N and seed -> byte-identical text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** mulberry32: a tiny seeded PRNG, so every run and every server sees the same file. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RESTART = ['always', 'unless-stopped', 'on-failure', 'no'];
const LEVELS = ['debug', 'info', 'warn', 'error'];
const MEMORY = ['128M', '256M', '512M', '1G'];
const CPUS = ['0.25', '0.50', '1.0', '2.0'];

export function serviceName(i) {
  return `svc-${String(i).padStart(4, '0')}`;
}

/**
 * `sharedAnchor`: the way large real files share settings: an `x-common`
 * mapping with an anchor, merged into every service with `<<: *common`
 * (each service's own keys are the same as without it).
 */
export function generateCompose(services, seed = 42, { sharedAnchor = false } = {}) {
  const random = prng(seed + services);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const networks = Math.max(2, Math.min(20, Math.ceil(services / 50)));
  const volumes = Math.max(2, Math.min(200, Math.ceil(services / 5)));
  const lines = ['name: bench'];
  if (sharedAnchor) lines.push('x-common: &common', '  logging:', '    driver: json-file', '    options:', '      max-size: 10m', '  stop_grace_period: 20s');
  lines.push('services:');
  for (let i = 0; i < services; i++) {
    const name = serviceName(i);
    const dependency = i > 0 ? serviceName(Math.floor(random() * i)) : undefined;
    const port = 10000 + i;
    lines.push(`  ${name}:`);
    if (sharedAnchor) lines.push('    <<: *common');
    lines.push(
      `    image: registry.example.com/team/app-${i % 97}:1.${i % 13}.${i % 7}`,
      `    restart: ${pick(RESTART)}`,
      '    ports:',
      `      - "${port}:8080"`,
      `      - "127.0.0.1:${port + 20000}:9090/tcp"`,
      '    environment:',
      `      DATABASE_URL: postgres://app:secret@${dependency ?? 'db'}:5432/app${i}`,
      `      CACHE_URL: redis://cache-${i % 5}:6379/0`,
      `      LOG_LEVEL: ${pick(LEVELS)}`,
    );
    if (dependency) {
      lines.push('    depends_on:', `      ${dependency}:`, '        condition: service_started');
    }
    lines.push(
      '    networks:',
      `      - net-${i % networks}`,
      '    volumes:',
      `      - data-${i % volumes}:/var/lib/app`,
      `      - ./config/app-${i}.yml:/etc/app/config.yml:ro`,
      '    deploy:',
      '      resources:',
      '        limits:',
      `          cpus: "${pick(CPUS)}"`,
      `          memory: ${pick(MEMORY)}`,
      '    healthcheck:',
      `      test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]`,
      '      interval: 30s',
      '      retries: 3',
    );
  }
  lines.push('networks:');
  for (let n = 0; n < networks; n++) lines.push(`  net-${n}:`, '    driver: bridge');
  lines.push('volumes:');
  for (let v = 0; v < volumes; v++) lines.push(`  data-${v}: {}`);
  return lines.join('\n') + '\n';
}

/**
 * Positions for completion and hover, the same for every server: on keys
 * (`restart`, `condition`, `memory`), on values (a restart policy, a
 * depends_on condition, a network name) and inside ports. Spread evenly over
 * the file so a server cannot win by caching the first service.
 */
export function benchPositions(text, count) {
  const lines = text.split('\n');
  const candidates = [];
  lines.forEach((line, index) => {
    let m;
    if ((m = /^(\s+)(restart|condition|memory|healthcheck|image)(:)/.exec(line))) {
      candidates.push({ kind: 'key', line: index, character: m[1].length + 2 });
    }
    if ((m = /^(\s+)(restart|condition): (\S+)/.exec(line))) {
      candidates.push({ kind: 'value', line: index, character: m[1].length + m[2].length + 2 + Math.min(2, m[3].length) });
    }
    if ((m = /^(\s+- )(net-\d+)/.exec(line))) candidates.push({ kind: 'value', line: index, character: m[1].length + 2 });
    if ((m = /^(\s+- ")(\d+):(\d+)"/.exec(line))) candidates.push({ kind: 'port', line: index, character: m[1].length + m[2].length + 2 });
  });
  // Stride through the candidates, then take every kind in turn.
  const byKind = { key: [], value: [], port: [] };
  for (const c of candidates) byKind[c.kind].push(c);
  const picked = [];
  const perKind = Math.ceil(count / 3);
  for (const kind of ['key', 'value', 'port']) {
    const list = byKind[kind];
    const stride = Math.max(1, Math.floor(list.length / perKind));
    for (let i = 0; i < list.length && picked.filter((p) => p.kind === kind).length < perKind; i += stride) picked.push(list[i]);
  }
  return picked.slice(0, count);
}

/**
 * One-character edits that keep the file valid, spread over the file: a digit
 * of a published port changes (the server must re-validate everything).
 */
export function benchEdits(text, count) {
  const lines = text.split('\n');
  const portLines = [];
  lines.forEach((line, index) => {
    const m = /^(\s+- ")(\d+):8080"/.exec(line);
    if (m) portLines.push({ line: index, character: m[1].length + m[2].length - 1, digit: m[2].at(-1) });
  });
  const stride = Math.max(1, Math.floor(portLines.length / count));
  const edits = [];
  for (let i = 0; i < portLines.length && edits.length < count; i += stride) edits.push(portLines[i]);
  return edits;
}

/**
 * Writes `text` as `dir/compose.yaml` with the files its services mount (`./config/app-N.yml`): the
 * project a user would have, so a server that looks for them on disk finds them.
 */
export function writeProject(dir, text) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'compose.yaml'), text);
  for (const m of text.matchAll(/^\s+- "?\.\/([^:"]+):/gm)) {
    const file = join(dir, m[1]);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'level: info\n');
  }
  return join(dir, 'compose.yaml');
}

// `node bench/generate.mjs 1000 > compose.yaml`
if (process.argv[1] && process.argv[1].endsWith('generate.mjs')) {
  const n = Number(process.argv[2] ?? 100);
  const out = process.argv[3];
  const text = generateCompose(n);
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

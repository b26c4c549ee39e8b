/**
 * `npm run bench -- web`: the web app's bundle. Builds apps/web with Vite (into a temp folder, so
 * apps/web/dist is left alone), then reports the JavaScript the home page loads before anything
 * else — the entry chunk(s) and the chunks index.html modulepreloads, plus what Vite's manifest
 * says they import statically — raw, gzip (level 9) and brotli, its CSS, the total of all chunks and
 * the largest lazy chunks. Goal: initial JS ≤ 200 kB gzipped (kB = 1000 bytes, as Vite prints).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { BenchFailure, onCleanup, runScenario } from './lib/lifecycle';
import { benchOptions } from './lib/options';
import { machine, writeResults } from './lib/report';
import { repoRoot } from './lib/servers';

const GOAL_GZIP_BYTES = 200_000;
const LARGEST_LAZY = 10;

interface FileSize {
  /** Path under the build folder, e.g. `assets/index-BdX3.js`. */
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

interface Totals {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

function sizeOf(outDir: string, file: string): FileSize {
  const content = readFileSync(path.join(outDir, file));
  return {
    file,
    raw: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length },
    }).length,
  };
}

function total(sizes: FileSize[]): Totals {
  return sizes.reduce(
    (sum, size) => ({
      files: sum.files + 1,
      raw: sum.raw + size.raw,
      gzip: sum.gzip + size.gzip,
      brotli: sum.brotli + size.brotli,
    }),
    {
      files: 0,
      raw: 0,
      gzip: 0,
      brotli: 0,
    },
  );
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** Every file under a folder, relative to it, with forward slashes. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    const rel = prefix ? `${prefix}/${entry}` : entry;
    return statSync(full).isDirectory() ? listFiles(full, rel) : [rel];
  });
}

/** A build-folder path from a URL in index.html (`/assets/x.js` → `assets/x.js`); undefined when external. */
function localFile(url: string): string | undefined {
  if (/^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith('data:')) return undefined;
  return url.replace(/^\.?\//, '').split(/[?#]/)[0];
}

/** The `<script type="module" src>`, `<link rel="modulepreload">` and stylesheet URLs of index.html. */
function parseIndexHtml(html: string) {
  const attributes = (tag: string) => {
    const found: Record<string, string> = {};
    for (const match of tag.matchAll(/([a-zA-Z:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      found[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
    }
    return found;
  };
  const entries: string[] = [];
  const preloads: string[] = [];
  const styles: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    // Module entries and classic scripts (e.g. a colour-scheme script from public/) alike load up front.
    const attrs = attributes(tag.slice('<script'.length));
    if (attrs.src && (attrs.type === undefined || attrs.type === 'module' || /javascript/i.test(attrs.type)))
      entries.push(attrs.src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(tag.slice('<link'.length));
    const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    if (!attrs.href) continue;
    if (rel.includes('modulepreload')) preloads.push(attrs.href);
    if (rel.includes('stylesheet')) styles.push(attrs.href);
  }
  return { entries, preloads, styles };
}

async function viteBuild(outDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn(
    path.join(repoRoot, 'node_modules', '.bin', 'vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'],
    { cwd: path.join(repoRoot, 'apps/web'), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream }).on('line', (line) => output.push(line));
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (status) => resolve(status ?? 1));
  });
  if (code !== 0) {
    const shown = output.slice(0, 80).join('\n');
    throw new BenchFailure(
      `vite build failed (exit ${code}):\n${shown}${output.length > 80 ? `\n… (${output.length - 80} more lines)` : ''}`,
    );
  }
  if (output.length > 0) console.log(output.map((line) => `  vite: ${line}`).join('\n'));
  return (performance.now() - started) / 1000;
}

runScenario(async () => {
  const options = benchOptions();
  const startedAt = new Date();
  const host = machine();
  console.log(`machine:  ${host.cpu}, ${host.cores} cores, Node ${host.node}`);
  if (options.quick) console.log('(--quick: the same build and sizes; this scenario measures bytes, not speed)');

  const outDir = mkdtempSync(path.join(tmpdir(), 'dongne-bench-web-'));
  onCleanup('remove the build folder', () => rmSync(outDir, { recursive: true, force: true }));
  const buildSeconds = await viteBuild(outDir);
  console.log(`build:    vite build in ${buildSeconds.toFixed(1)} s (apps/web, into a temp folder)`);

  const indexHtml = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const html = parseIndexHtml(indexHtml);
  const manifestPath = path.join(outDir, '.vite', 'manifest.json');
  const manifest: Record<string, ManifestChunk> = existsSync(manifestPath)
    ? JSON.parse(readFileSync(manifestPath, 'utf8'))
    : {};
  const byFile = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk]));

  // Initial JS: what index.html loads or preloads, closed over the manifest's static imports.
  const initialJs = new Set<string>();
  const initialCss = new Set<string>();
  const missing: string[] = [];
  const visit = (file: string) => {
    if (initialJs.has(file)) return;
    if (!existsSync(path.join(outDir, file))) {
      missing.push(file);
      return;
    }
    initialJs.add(file);
    const chunk = byFile.get(file);
    for (const css of chunk?.css ?? []) initialCss.add(css);
    for (const key of chunk?.imports ?? []) {
      const imported = manifest[key];
      if (imported) visit(imported.file);
    }
  };
  const fromHtml = [...html.entries, ...html.preloads].map(localFile).filter((file): file is string => Boolean(file));
  for (const file of fromHtml) visit(file);
  const addedByManifest = [...initialJs].filter((file) => !fromHtml.includes(file));
  for (const href of html.styles) {
    const file = localFile(href);
    if (file && existsSync(path.join(outDir, file))) initialCss.add(file);
  }
  if (initialJs.size === 0) throw new BenchFailure(`index.html references no JavaScript:\n${indexHtml}`);
  if (missing.length > 0)
    throw new BenchFailure(`index.html references files the build does not have: ${missing.join(', ')}`);

  const allFiles = listFiles(outDir).filter((file) => !file.startsWith('.vite/'));
  // JS chunks: what Vite emitted (assets/, the manifest) and whatever index.html loads.
  const emitted = new Set(byFile.keys());
  const allJs = allFiles
    .filter((file) => /\.m?js$/.test(file) && (file.startsWith('assets/') || emitted.has(file) || initialJs.has(file)))
    .map((file) => sizeOf(outDir, file));
  const counted = new Set(allJs.map((size) => size.file));
  const allCss = allFiles.filter((file) => file.endsWith('.css')).map((file) => sizeOf(outDir, file));
  const otherAssets = total(
    allFiles.filter((file) => !counted.has(file) && !/\.(?:css|html)$/.test(file)).map((file) => sizeOf(outDir, file)),
  );
  const initialJsSizes = allJs.filter((size) => initialJs.has(size.file));
  const initialCssSizes = allCss.filter((size) => initialCss.has(size.file));
  const lazy = allJs
    .filter((size) => !initialJs.has(size.file))
    .sort((a, b) => b.gzip - a.gzip)
    .map((size) => {
      const chunk = byFile.get(size.file);
      return { ...size, source: chunk?.src ?? chunk?.name, dynamicEntry: chunk?.isDynamicEntry ?? false };
    });

  const initial = total(initialJsSizes);
  const css = total(initialCssSizes);
  const everything = total(allJs);
  const goalMet = initial.gzip <= GOAL_GZIP_BYTES;

  const row = (label: string, sizes: Totals) =>
    `${label.padEnd(34)} ${String(sizes.files).padStart(5)}  ${kB(sizes.raw).padStart(10)}  ${kB(sizes.gzip).padStart(10)}  ${kB(sizes.brotli).padStart(10)}`;
  console.log('');
  console.log(
    `${'home page'.padEnd(34)} ${'files'.padStart(5)}  ${'raw'.padStart(10)}  ${'gzip -9'.padStart(10)}  ${'brotli'.padStart(10)}`,
  );
  console.log(`${'-'.repeat(34)} ${'-'.repeat(5)}  ${'-'.repeat(10)}  ${'-'.repeat(10)}  ${'-'.repeat(10)}`);
  console.log(row('initial JS (scripts + preloaded)', initial));
  for (const size of initialJsSizes.sort((a, b) => b.gzip - a.gzip)) console.log(row(`  ${size.file}`, total([size])));
  console.log(row('initial CSS', css));
  console.log(row('all JS chunks', everything));
  console.log(row('all CSS', total(allCss)));
  if (otherAssets.files > 0) console.log(row('other files (fonts, images, public/…)', otherAssets));
  if (addedByManifest.length > 0)
    console.log(`(static imports index.html does not preload, counted as initial: ${addedByManifest.join(', ')})`);
  console.log('');
  if (lazy.length > 0) {
    console.log(`largest lazy chunks (of ${lazy.length}):`);
    for (const chunk of lazy.slice(0, LARGEST_LAZY)) {
      console.log(`  ${row(chunk.file, total([chunk])).trimEnd()}${chunk.source ? `  ← ${chunk.source}` : ''}`);
    }
  } else {
    console.log('lazy chunks: none (everything loads up front)');
  }
  console.log('');
  console.log(
    `initial JS = ${kB(initial.gzip)} gzipped (goal ≤ ${kB(GOAL_GZIP_BYTES)}): ${goalMet ? 'met' : `NOT MET, ${kB(initial.gzip - GOAL_GZIP_BYTES)} over`}`,
  );

  const file = writeResults('web', startedAt, {
    scenario: 'web',
    startedAt: startedAt.toISOString(),
    quick: options.quick,
    machine: host,
    buildSeconds,
    units: 'bytes; gzip level 9, brotli quality 11',
    index: {
      entries: html.entries,
      modulepreloads: html.preloads,
      stylesheets: html.styles,
      manifest: existsSync(manifestPath),
    },
    initialJs: { ...initial, chunks: initialJsSizes, addedByManifest },
    initialCss: { ...css, files: initialCssSizes },
    allJs: everything,
    allCss: total(allCss),
    otherAssets,
    lazyChunks: lazy,
    goal: { initialJsGzipBytes: GOAL_GZIP_BYTES, goalMet },
  });
  console.log(`results:  ${file}`);
  return 0;
});

/**
 * End-to-end harness: build the app into a temporary directory, serve it from a tiny static
 * server on a free loopback port, and drive Debian's Chromium through playwright-core (never a
 * browser a test tool downloads). Shared by the e2e tests and scripts/bench-designer.mjs (which
 * has its own copy in plain JS, since it runs without a TypeScript loader).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

/** apps/designer */
export const APP_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
/** Screenshots and other artefacts (gitignored). */
export const ARTEFACTS = join(APP_DIR, 'test-results');
/** Debian's Chromium; CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Flags for a quiet, hermetic headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Build the app (vite build) into a fresh temporary directory; returns that directory. */
export async function buildApp(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'fieldkit-designer-'));
  const vite = join(APP_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  await new Promise<void>((done, failed) => {
    const child = spawn(process.execPath, [vite, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: APP_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d));
    child.stderr.on('data', (d: Buffer) => (log += d));
    child.on('error', failed);
    child.on('exit', (code) => (code === 0 ? done() : failed(new Error(`vite build failed (${code}):\n${log}`))));
  });
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** Path of an empty page on the app's origin (see serveStatic). */
export const BLANK_PATH = '/__blank';

/** Serve `root` on 127.0.0.1 at a free port; unknown paths get index.html (single-page app). */
export async function serveStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === BLANK_PATH) {
      // A page of the app's origin without the app: tests write localStorage here while no app can overwrite it.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>blank</title>');
      return;
    }
    let file = normalize(join(base, path));
    if (!file.startsWith(base + sep) && file !== base) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(base, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** A fresh Chromium profile (its own user-data-dir); close() removes it. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    // Debian's package, installed with apt-get by the repo's script (never a browser download by a test tool).
    execFileSync(process.execPath, [join(APP_DIR, '..', '..', 'scripts', 'ensure-chromium.mjs')], { stdio: 'inherit' });
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run "node scripts/ensure-chromium.mjs" (apt-get install chromium)`);
  const profile = mkdtempSync(join(tmpdir(), 'fieldkit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// The Capture tab against a real `fieldkit capture` server: events posted to its webhook URL are
// listed in the designer, and "Use as sample" turns one into a sample the fields are inferred from.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startCaptureServer, type CaptureServer } from '../../../packages/cli/src/capture/server.js';
import { buildApp, launchChromium, serveStatic } from './harness.js';

/** Where the built app looks for the capture API (CaptureTab's default). */
const APP_CAPTURE_API = 'http://127.0.0.1:5179';

let tmp = '';
let capture: CaptureServer;
let dist = '';
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fieldkit-e2e-capture-'));
  // A free port, not 5179 (a developer's own capture server may hold it): the browser's calls to
  // the app's default API address are routed here.
  capture = await startCaptureServer({ db: join(tmp, 'capture.db'), port: 0 });
  const api = capture.url.replace(/\/$/, '');
  for (const body of [
    { eventName: 'emailSend', email: 'kay@example.com', capturedProbe: 'from capture', dataFields: { campaignId: 7 } },
    { eventName: 'emailOpen', email: 'lee@example.com' },
  ]) {
    const r = await fetch(`${api}/hooks/iterable`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.status).toBe(200);
  }
  dist = await buildApp();
  server = await serveStatic(dist);
  browser = await launchChromium();
  await browser.context.route(`${APP_CAPTURE_API}/**`, (route) => route.continue({ url: route.request().url().replace(APP_CAPTURE_API, api) }));
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await capture?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('capture tab', () => {
  it('lists captured events and uses one as a sample', async () => {
    await page.goto(server.url);
    await page.getByRole('tab', { name: 'Capture' }).click();
    const sources = page.getByRole('navigation', { name: 'Captured sources' });
    await sources.getByRole('button', { name: /iterable/ }).click({ timeout: 15_000 });
    const events = page.getByRole('list', { name: 'Events of iterable' });
    await expect.poll(() => events.getByRole('listitem').count(), { timeout: 15_000 }).toBe(2);
    // Newest first: the emailSend event is the second one.
    await events.getByRole('listitem').filter({ hasText: 'emailSend' }).getByRole('button', { name: 'Use as sample' }).click();
    // Back on the design tab, the captured payload's own field is in the emailSend fields.
    await page.locator('[data-path="capturedProbe"]').first().waitFor({ timeout: 15_000 });
    await expect(page.locator('#event-select').inputValue()).resolves.toBe('EmailSend');
    expect(pageErrors).toEqual([]);
  });
});

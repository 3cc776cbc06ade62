// The designer as a user meets it: built with vite, served statically, driven in Debian's Chromium.
// One browser page walks the main flow (paste → edit → export → body → reload → validate) and
// every main screen is checked with axe-core and photographed into apps/designer/test-results/.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { APP_DIR, ARTEFACTS, BLANK_PATH, buildApp, launchChromium, serveStatic } from './harness.js';

const STORAGE_KEY = 'fieldkit.designer.v1';
const AXE = readFileSync(join(APP_DIR, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const SUBSCRIBE = {
  email: 'kay@example.com',
  eventName: 'emailSubscribe',
  dataFields: {
    createdAt: '2024-05-01 12:00:00 +00:00',
    campaignId: 1874021,
    plan: 'pro',
    signupSource: 'WebForm',
    emailListIds: [1201, 1202],
  },
};

let dist = '';
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const consoleErrors: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: false });
}

/** axe-core on the current screen: nothing serious or critical. */
async function expectAccessible(screen: string): Promise<void> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  writeFileSync(join(ARTEFACTS, `axe-${screen.replace(/\W+/g, '-')}.json`), JSON.stringify(violations, null, 2));
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(' ')}`), screen).toEqual([]);
}

/** Paste text into the samples editor the way a user does: select all, then a paste event. */
async function pasteSamples(text: string): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Edit samples' });
  if (await toggle.isVisible()) await toggle.click();
  const editor = page.getByLabel('Sample JSON');
  await editor.click();
  await page.keyboard.press('Control+A');
  await editor.evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

function output(label: string) {
  return page.getByRole('region', { name: `${label} output` });
}

beforeAll(async () => {
  rmSync(ARTEFACTS, { recursive: true, force: true });
  mkdirSync(ARTEFACTS, { recursive: true });
  dist = await buildApp();
  server = await serveStatic(dist);
  browser = await launchChromium();
  context = browser.context;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    // The Capture tab polls a capture server that is not running here: the browser logs those refusals.
    if (m.type() === 'error' && !/Failed to load resource|ERR_CONNECTION_REFUSED|EventSource|net::/.test(m.text())) consoleErrors.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('designer', () => {
  it('opens with the Iterable example loaded', async () => {
    await page.goto(server.url);
    await page.locator('[data-path="dataFields.campaignId"]').first().waitFor();
    await expect(page.locator('#event-select').inputValue()).resolves.toBe('EmailSend');
    await expect.poll(() => output('TypeScript').textContent(), { timeout: 15_000 }).toMatch(/export interface EmailSend \{/);
    // The export is generated in a Web Worker (it would block typing on large schemas).
    expect(page.workers().map((w) => w.url()).some((u) => /typescript\.worker/.test(u))).toBe(true);
    await screenshot('01-design-example');
    await expectAccessible('design');
  });

  it('shows one event type or all of them merged', async () => {
    const ts = output('TypeScript');
    await page.locator('#event-select').selectOption('EmailClick');
    await expect.poll(() => ts.textContent(), { timeout: 15_000 }).toMatch(/export interface EmailClick \{[\s\S]*href: string/);
    await page.locator('#event-select').selectOption({ label: 'All events (merged)' });
    // Merged: keys only some event types carry become optional.
    await expect.poll(() => ts.textContent(), { timeout: 15_000 }).toMatch(/export interface Payload \{[\s\S]*href\?: string/);
    // One type per event, as designed: a union discriminated by eventName.
    await page.locator('#event-select').selectOption({ label: 'All events (one type each)' });
    await expect.poll(() => ts.textContent(), { timeout: 15_000 }).toMatch(/export type Payload = (Email(Send|Open|Click)( \| )?){3};/);
    expect(await ts.textContent()).toMatch(/eventName: "emailClick"/);
    await screenshot('01b-design-union');
    await page.getByRole('button', { name: /^emailOpen/ }).click();
    await expect(page.locator('#event-select').inputValue()).resolves.toBe('EmailOpen');
    await page.locator('#event-select').selectOption('EmailSend');
    await expect.poll(() => ts.textContent(), { timeout: 15_000 }).toMatch(/export interface EmailSend \{/);
  });

  it('validates a sample of the selected event as valid', async () => {
    await page.getByRole('tab', { name: 'Validate' }).click();
    await page.getByRole('button', { name: 'Use a sample (emailSend)' }).click();
    await expect(page.getByLabel(/Paste a payload/).inputValue()).resolves.toContain('"eventName": "emailSend"');
    await expect.poll(() => page.getByTestId('validation-result').textContent(), { timeout: 15_000 }).toMatch(/^Valid/);
    // A payload of another event type: the app offers that event's schema instead of a wall of errors.
    const open = { email: 'ada@example.com', eventName: 'emailOpen', dataFields: { createdAt: '2024-05-01 12:14:31 +00:00', campaignId: 1874021 } };
    await page.getByLabel(/Paste a payload/).fill(JSON.stringify(open));
    await page.getByRole('button', { name: 'Check against emailOpen' }).click();
    await expect(page.locator('#event-select').count()).resolves.toBe(0); // the picker lives on the Design tab
    await expect.poll(() => page.getByRole('heading', { level: 2, name: /^Fields/ }).textContent()).toBe('Fields · emailOpen');
    await page.getByRole('tab', { name: 'Design' }).click();
    await expect(page.locator('#event-select').inputValue()).resolves.toBe('EmailOpen');
    await page.locator('#event-select').selectOption('EmailSend');
  });

  it('infers the fields of a pasted payload, renames one, marks one optional, exports TypeScript', async () => {
    await pasteSamples(JSON.stringify(SUBSCRIBE, null, 2));
    await page.locator('[data-path="dataFields.plan"]').first().waitFor();
    expect(await page.locator('[data-path="dataFields.workflowName"]').count()).toBe(0);

    const name = page.getByLabel('Name of dataFields.plan', { exact: true });
    await name.fill('planTier');
    await name.press('Enter');
    await page.locator('[data-path="dataFields.planTier"]').first().waitFor();

    await page.getByLabel('Optional email', { exact: true }).check();

    await page.getByRole('tab', { name: 'TypeScript' }).click();
    const ts = output('TypeScript');
    await expect.poll(() => ts.textContent(), { timeout: 15_000 }).toMatch(/email\?: string[\s\S]*planTier: string/);
    const text = (await ts.textContent()) ?? '';
    expect(text).toMatch(/export interface EmailSubscribe/);
    expect(text).toMatch(/email\?: string/);
    expect(text).not.toMatch(/\bplan\??:/);
    await screenshot('02-design-edited-typescript');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe('EmailSubscribe.ts');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(text);
  });

  it('switches the JSON Schema draft and exports Workato fields', async () => {
    await page.getByRole('tab', { name: 'JSON Schema' }).click();
    await expect.poll(() => output('JSON Schema').textContent()).toContain('https://json-schema.org/draft/2020-12/schema');
    await page.getByLabel('Draft').selectOption('draft-07');
    await expect.poll(() => output('JSON Schema').textContent()).toContain('http://json-schema.org/draft-07/schema#');
    const schema = JSON.parse((await output('JSON Schema').textContent()) ?? '') as { properties: Record<string, { properties?: object; required?: string[] }>; required?: string[] };
    expect(Object.keys(schema.properties.dataFields!.properties ?? {})).toContain('planTier');
    expect(schema.required ?? []).not.toContain('email');
    // Payload values (examples) and fieldkit's stats stay out of exports unless asked for.
    expect(await output('JSON Schema').textContent()).not.toMatch(/x-fieldkit-stats|kay@example\.com/);
    await page.getByLabel('Examples & stats').check();
    await expect.poll(() => output('JSON Schema').textContent()).toContain('"x-fieldkit-stats"');
    expect(await output('JSON Schema').textContent()).toContain('kay@example.com');
    await page.getByLabel('Examples & stats').uncheck();

    await page.getByRole('button', { name: 'Side by side' }).click();
    await expect(output('TypeScript').textContent()).resolves.toMatch(/planTier/);
    await expect(output('Workato').textContent()).resolves.toMatch(/"planTier"/);
    await screenshot('03-design-side-by-side');
    await expectAccessible('side by side');
    await page.getByRole('button', { name: 'Side by side' }).click();
    await page.getByRole('tab', { name: 'Workato' }).click();
    const workato = JSON.parse((await output('Workato').textContent()) ?? '') as { name: string }[];
    // What Workato cannot express (formats, nullability…) is listed, not silently dropped.
    await expect(page.getByText(/Workato cannot express/).textContent()).resolves.toMatch(/^\d+ details?/);
    expect(workato.map((f) => f.name)).toEqual(expect.arrayContaining(['email', 'eventName', 'dataFields']));
    await screenshot('03-design-workato');
    await expectAccessible('design exports');
  });

  it('keeps the work after a reload', async () => {
    // No waiting for the debounced autosave: leaving the page flushes it.
    await page.reload();
    await page.locator('[data-path="dataFields.planTier"]').first().waitFor();
    expect(await page.getByLabel('Optional email', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Draft').inputValue()).toBe('draft-07');
    await expect(page.getByLabel('Sample JSON').textContent()).resolves.toContain('signupSource');
  });

  it('shows validation errors on the field they belong to', async () => {
    await page.getByRole('tab', { name: 'Validate' }).click();
    const bad = { ...SUBSCRIBE, dataFields: { ...SUBSCRIBE.dataFields, plan: undefined, planTier: 'pro', campaignId: 'not-a-number', signupSorce: 'typo' } };
    await page.getByLabel(/Paste a payload/).fill(JSON.stringify(bad, null, 2));
    const row = page.locator('[data-path="dataFields.campaignId"]').first();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toMatch(/integer|number/i);
    const result = page.getByTestId('validation-result');
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toMatch(/\d+ errors?/);
    expect(await result.textContent()).toContain('signupSource');
    await screenshot('04-validate');
    await expectAccessible('validate');
  });

  it('builds an Iterable users/update body', async () => {
    await page.getByRole('tab', { name: 'Request body' }).click();
    await page.getByLabel('Endpoint').selectOption('iterable.users/update');
    await page.getByLabel(/^email/i).first().fill('kay@example.com');
    const body = page.getByTestId('fk-body');
    await expect.poll(async () => (await body.textContent()) ?? '', { timeout: 10_000 }).toContain('kay@example.com');
    const json = JSON.parse((await body.textContent()) ?? '') as { email?: string };
    expect(json.email).toBe('kay@example.com');
    // The designed emailSubscribe dataFields become the body's dataFields form (typed inputs, exact names).
    await page.getByLabel(/dataFields from the designed/).check();
    await page.getByLabel(/^planTier/).first().fill('enterprise');
    await expect(page.getByLabel(/^signupSource/).count()).resolves.toBe(1);
    await page.getByLabel(/dataFields from the designed/).uncheck();
    await page.getByLabel(/^email/i).first().fill('kay@example.com');
    await expect.poll(async () => (await body.textContent()) ?? '', { timeout: 10_000 }).toContain('kay@example.com');
    await screenshot('05-request-body');
    await expectAccessible('request body');
  });

  it('renders the capture tab', async () => {
    await page.getByRole('tab', { name: 'Capture' }).click();
    await page.locator('#main-panel-capture').waitFor();
    await page.waitForTimeout(300);
    await screenshot('06-capture');
    await expectAccessible('capture');
  });

  it('lets keyboard users skip to the content', async () => {
    await page.waitForTimeout(600); // autosave
    await page.reload();
    await page.locator('#main').waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  it('keeps what was typed into the request-body form after the reload', async () => {
    await page.getByRole('tab', { name: 'Request body' }).click();
    const email = page.getByLabel(/^email/i).first();
    await expect.poll(() => email.inputValue(), { timeout: 10_000 }).toBe('kay@example.com');
    await expect.poll(async () => (await page.getByTestId('fk-body').textContent()) ?? '', { timeout: 10_000 }).toContain('kay@example.com');
  });

  it('moves between tabs with the keyboard', async () => {
    await page.getByRole('tab', { name: 'Capture' }).focus();
    await page.keyboard.press('Home');
    await expect(page.getByRole('tab', { name: 'Design' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Validate' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Design');
  });

  it('shares the design as a link that reopens it elsewhere', async () => {
    await page.getByRole('button', { name: 'Share link' }).click();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/#state=/);
    // Nothing saved in the browser: the link alone must carry the design.
    await page.goto(new URL(BLANK_PATH, server.url).toString());
    await page.evaluate((k) => localStorage.removeItem(k), STORAGE_KEY);
    await page.goto(url);
    await page.locator('[data-path="dataFields.planTier"]').first().waitFor();
    expect(new URL(page.url()).hash).toBe('');
  });

  it('saves the design to a file and opens it again', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save file' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.fieldkit\.json$/);
    const file = (await download.path())!;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ v: 1, draft: 'draft-07' });
    await page.getByRole('button', { name: 'Load example' }).click();
    await page.locator('[data-path="dataFields.campaignName"]').first().waitFor();
    await page
      .locator('input[type=file][aria-label="Open a saved design or a payload file"]')
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(file) });
    await page.locator('[data-path="dataFields.planTier"]').first().waitFor();
    await expect.poll(() => page.locator('#app-status').textContent()).toMatch(/Opened .*\.fieldkit\.json/);

    // A file that is not a saved design (NDJSON payloads) opens as samples.
    const ndjson = [{ ...SUBSCRIBE, eventName: 'emailUnSubscribe' }, { ...SUBSCRIBE, eventName: 'emailUnSubscribe', extra: 1 }].map((x) => JSON.stringify(x)).join('\n');
    await page
      .locator('input[type=file][aria-label="Open a saved design or a payload file"]')
      .setInputFiles({ name: 'unsubscribes.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(ndjson) });
    await expect.poll(() => page.locator('#app-status').textContent()).toMatch(/Opened unsubscribes\.ndjson as samples: fields inferred/);
    await page.locator('[data-path="extra"]').first().waitFor();
    await expect(page.getByTestId('sample-count').textContent()).resolves.toMatch(/^2 samples/);
    await page.locator('#app-status').getByRole('button', { name: 'Undo' }).click();
    await page.locator('[data-path="dataFields.planTier"]').first().waitFor();
  });

  it('opens the example with a warning when saved work is corrupt', async () => {
    // Written while the app is not open: the app saves its state when the page is left.
    await page.goto(new URL(BLANK_PATH, server.url).toString());
    await page.evaluate((k) => localStorage.setItem(k, '{"v":1,"samples":[{"trunc'), STORAGE_KEY);
    await page.goto(server.url);
    await page.locator('[data-path="dataFields.campaignName"]').first().waitFor();
    await expect(page.locator('#app-status').textContent()).resolves.toMatch(/Saved work: not valid JSON/);
  });

  it('starts from scratch: cleared samples leave an empty designer that takes fields by hand', async () => {
    // Regression: with no samples, a fresh [] each render re-triggered the TypeScript export forever
    // ("Generating…" never went away).
    await page.getByRole('button', { name: 'Edit samples' }).click();
    await page.locator('#samples-body').getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('tab', { name: 'TypeScript' }).click();
    await expect.poll(() => output('TypeScript').textContent(), { timeout: 10_000 }).toMatch(/export interface Payload \{\s*\}/);
    await page.getByRole('button', { name: 'Add field', exact: true }).click();
    await expect.poll(() => output('TypeScript').textContent(), { timeout: 10_000 }).toMatch(/export interface Payload \{\s*field: string;?\s*\}/);
    await page.waitForTimeout(500);
    expect(await page.locator('.fd-output').textContent()).not.toContain('Generating');
  });

  it('takes payloads pasted anywhere on the page', async () => {
    await page.getByRole('tab', { name: 'Design' }).click();
    await page.locator('#fields-h').click(); // focus is on the page, not in a text field
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, JSON.stringify({ ...SUBSCRIBE, pastedAnywhere: true }));
    await page.locator('[data-path="pastedAnywhere"]').first().waitFor();
    await expect(page.locator('#app-status').textContent()).resolves.toMatch(/Pasted samples: fields inferred/);

    // On the Validate tab, a pasted payload is the one to check.
    await page.getByRole('tab', { name: 'Validate' }).click();
    await page.locator('#payload-h').click();
    await page.evaluate((t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, JSON.stringify({ email: 'x@example.com', checkMe: 1 }));
    await expect.poll(() => page.getByLabel(/Paste a payload/).inputValue()).toContain('checkMe');
    await page.locator('[data-path="pastedAnywhere"]').first().waitFor(); // the samples did not change
  });

  it('follows a dark system theme, readable everywhere', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await page.getByRole('tab', { name: 'Design' }).click();
      await page.getByRole('button', { name: 'Load example' }).click();
      await page.locator('[data-path="dataFields.campaignId"]').first().waitFor();
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(bg).toBe('rgb(18, 21, 27)');
      await screenshot('07-dark-design');
      await expectAccessible('dark design');
      await page.getByRole('tab', { name: 'Validate' }).click();
      await page.getByRole('button', { name: /Use a sample/ }).click();
      await expect.poll(() => page.getByTestId('validation-result').textContent(), { timeout: 15_000 }).toMatch(/^Valid/);
      await screenshot('08-dark-validate');
      await expectAccessible('dark validate');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('keeps "each element is a sample" and the field edits made on those samples after a reload', async () => {
    await page.getByRole('tab', { name: 'Design' }).click();
    // One array of payloads (an export): read as one sample until the user says otherwise.
    await pasteSamples(JSON.stringify([SUBSCRIBE, { ...SUBSCRIBE, email: 'lee@example.com' }], null, 2));
    const each = page.locator('#samples-body').getByLabel(/Each element of a top-level array is a sample/);
    await each.check();
    await page.locator('[data-path="dataFields.plan"]').first().waitFor();
    const name = page.getByLabel('Name of dataFields.plan', { exact: true });
    await name.fill('planLevel');
    await name.press('Enter');
    await page.locator('[data-path="dataFields.planLevel"]').first().waitFor();

    await page.reload();
    await page.locator('[data-path="dataFields.planLevel"]').first().waitFor();
    const toggle = page.getByRole('button', { name: 'Edit samples' });
    if (await toggle.isVisible()) await toggle.click();
    expect(await each.isChecked()).toBe(true);
    // The samples were re-read as the user chose, so the edit was not replaced by a fresh inference.
    await expect(page.locator('#samples-body').getByRole('status').textContent()).resolves.toMatch(/^2 samples/);
    await page.waitForTimeout(500); // past the wizard's analysis debounce
    expect(await page.locator('[data-path="dataFields.planLevel"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-path="dataFields.plan"]').count()).toBe(0);
    expect(await page.locator('#app-status').textContent()).not.toMatch(/earlier edits were replaced/);
  });

  it('raised no uncaught errors in the page and logged no errors (React warnings included)', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

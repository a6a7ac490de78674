import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../test/helpers/chromium.js';
import { addUser } from '../../test/helpers/tailor.js';
import { type ConsoleSession, openConsole, postBatch, type TestServer } from './browser.js';

// Workspace settings in the console, in a real Chromium against a real Tailor (fresh data dir,
// console already built). The steps build on each other, in order: ingest product views with
// categories and log in as admin, change the time zone through the form and see it kept, see the
// server's validation issues at their fields, read the page in Chinese, find the categories
// suggested by the segment builder's interest condition, and see the settings read-only as an
// analyst.

/** How long ingested events may take to reach the event store. */
const EVENTUALLY_MS = 30_000;

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** Product views per shopper; over all of them: shoes 3, bags 2, hats 1. */
const views: Record<string, string[]> = {
  ada: ['shoes', 'shoes', 'bags'],
  bob: ['shoes', 'bags'],
  cy: ['hats'],
};
const categoriesSeen = [
  { name: `shoes-${suffix}`, count: 3 },
  { name: `bags-${suffix}`, count: 2 },
  { name: `hats-${suffix}`, count: 1 },
];

const analyst = { email: `analyst.${suffix}@e2e.example.com`, password: 'password-456' };

// Skipped (and reported by test/global-setup.ts) only where Chromium is not installed; never under CI=true.
describe.skipIf(!CHROMIUM)('Tailor console: workspace settings', () => {
  let server: TestServer;
  let page: Page;
  let pageErrors: string[] = [];
  let close: (() => Promise<void>) | undefined;
  let api: ConsoleSession['api'];

  beforeAll(async () => {
    ({ server, page, pageErrors, close, api } = await openConsole());
  });

  afterAll(async () => close?.());

  async function logIn(email: string, password: string) {
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('profiles-page').waitFor();
  }

  it('ingests product views with categories and logs in as admin', async () => {
    const batch = Object.entries(views).flatMap(([key, categories]) =>
      categories.map((category, i) => ({
        type: 'track',
        userId: `settings-${key}-${suffix}`,
        event: 'Product Viewed',
        properties: { category: `${category}-${suffix}`, sku: `${category}-${i}` },
        timestamp: minutesAgo(10 + i),
      })),
    );
    const res = await postBatch(server, batch);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, rejected: [] });

    await page.goto('/');
    await logIn(server.login.email, server.login.password);
    expect(await page.getByTestId('nav-settings').textContent()).toBe('Settings');

    // Events reach the event store asynchronously: wait until the categories are counted.
    await expect
      .poll(async () => (await api('GET', '/api/v1/schema/categories')).body.categories, {
        timeout: EVENTUALLY_MS,
        interval: 500,
      })
      .toEqual(categoriesSeen);
  });

  it('shows the settings with their defaults', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-page').waitFor();
    expect(await page.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('setting-timeZone').inputValue()).toBe('UTC');
    expect(await page.getByTestId('setting-timeZone-now').textContent()).toMatch(/^Now there: .*UTC/);
    expect(await page.getByTestId('setting-phoneRegion').inputValue()).toBe('CN');
    expect(await page.getByTestId('setting-phoneRegion-name').textContent()).toBe('Region: China');
    expect(await page.getByTestId('setting-orderEvents').inputValue()).toBe('Order Completed');
    expect(await page.getByTestId('setting-revenueProperties').inputValue()).toBe('revenue\ntotal\nvalue');
    expect(await page.getByTestId('setting-categoryProperty').inputValue()).toBe('category');
    expect(await page.getByTestId('settings-save').isDisabled()).toBe(true);
  });

  it('changes the time zone through the form, sending only that setting, and keeps it', async () => {
    const zone = page.getByTestId('setting-timeZone');
    // The browser's zones are offered as suggestions.
    const listId = (await zone.getAttribute('list')) ?? '';
    expect(await page.locator(`datalist[id="${listId}"] option[value="Asia/Shanghai"]`).count()).toBe(1);

    await zone.fill('Asia/Shanghai');
    expect(await page.getByTestId('setting-timeZone-now').textContent()).toContain('GMT+8');
    const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith('/api/v1/settings'));
    await page.getByTestId('settings-save').click();
    expect((await patch).postDataJSON()).toEqual({ timeZone: 'Asia/Shanghai' });
    await page.getByTestId('settings-saved').waitFor();
    expect(await page.getByTestId('settings-save').isDisabled()).toBe(true);

    await page.reload();
    await page.getByTestId('settings-page').waitFor();
    await page.getByTestId('settings-form').waitFor();
    expect(await page.getByTestId('setting-timeZone').inputValue()).toBe('Asia/Shanghai');
    const saved = await api('GET', '/api/v1/settings');
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      timeZone: 'Asia/Shanghai',
      phoneRegion: 'CN',
      categoryProperty: 'category',
    });
  });

  it('shows the server’s validation issues at the settings they are about, changing nothing', async () => {
    await page.getByTestId('setting-timeZone').fill('Mars/Olympus');
    expect(await page.getByTestId('setting-timeZone-now').textContent()).toBe(
      'Not a time zone this browser knows.',
    );
    await page.getByTestId('setting-categoryProperty').fill('');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-invalid').waitFor();

    const zoneField = page.getByTestId('setting-field-timeZone');
    expect(await zoneField.getByTestId('setting-issue').textContent()).toBe('not a known IANA time zone');
    expect(await page.getByTestId('setting-timeZone').getAttribute('aria-invalid')).toBe('true');
    const categoryField = page.getByTestId('setting-field-categoryProperty');
    expect(await categoryField.getByTestId('setting-issue').count()).toBe(1);
    expect(await page.getByTestId('setting-categoryProperty').getAttribute('aria-invalid')).toBe('true');
    // Only the two settings named by the server are marked.
    expect(await page.getByTestId('setting-issue').count()).toBe(2);
    expect(await page.getByTestId('setting-orderEvents').getAttribute('aria-invalid')).toBeNull();

    expect((await api('GET', '/api/v1/settings')).body).toMatchObject({
      timeZone: 'Asia/Shanghai',
      categoryProperty: 'category',
    });

    await page.getByTestId('settings-reset').click();
    expect(await page.getByTestId('setting-timeZone').inputValue()).toBe('Asia/Shanghai');
    expect(await page.getByTestId('setting-issue').count()).toBe(0);
  });

  it('reads the settings in Chinese', async () => {
    await page.getByTestId('language-switch').selectOption('zh');
    expect(await page.getByTestId('nav-settings').textContent()).toBe('设置');
    expect(await page.getByTestId('setting-label-timeZone').textContent()).toBe('时区');
    expect(await page.getByTestId('setting-label-orderEvents').textContent()).toBe('订单事件');
    expect(await page.getByTestId('setting-timeZone-now').textContent()).toMatch(/^当地现在：/);
    expect(await page.getByTestId('setting-phoneRegion-name').textContent()).toBe('地区：中国');
    await page.getByTestId('language-switch').selectOption('en');
    expect(await page.getByTestId('setting-label-timeZone').textContent()).toBe('Time zone');
  });

  it('suggests the categories seen for the builder’s interest condition, still taking free text', async () => {
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-page').waitFor();
    await page.getByTestId('segment-new').click();
    await page.getByTestId('segment-editor').waitFor();
    await page.getByTestId('add-condition').click();
    const condition = page.getByTestId('condition').nth(0);
    await condition.getByTestId('condition-type').selectOption('interest');
    const category = condition.getByTestId('interest-category');

    const listId = (await category.getAttribute('list')) ?? '';
    expect(listId).not.toBe('');
    const options = page.locator(`datalist[id="${listId}"] option`);
    await expect.poll(() => options.count()).toBe(categoriesSeen.length);
    const suggested = await options.evaluateAll((els) =>
      els.map((el) => ({ value: (el as HTMLOptionElement).value, label: (el as HTMLOptionElement).label })),
    );
    expect(suggested).toEqual(categoriesSeen.map((c) => ({ value: c.name, label: `seen ${c.count} times` })));

    await category.fill(`garden-${suffix}`);
    const json = JSON.parse((await page.getByTestId('definition-json').textContent()) ?? '{}');
    expect(json.root.children[0]).toEqual({ type: 'interest', category: `garden-${suffix}` });
  });

  it('shows the settings read-only to an analyst, whom the server refuses a change', async () => {
    await addUser(server.tailor, server.workspaceId, analyst.email, 'analyst', analyst.password);
    await page.goto('/#/profiles');
    await page.getByTestId('user-menu').locator('summary').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    await logIn(analyst.email, analyst.password);

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-read-only').waitFor();
    expect(await page.getByTestId('setting-timeZone').inputValue()).toBe('Asia/Shanghai');
    expect(await page.getByTestId('setting-timeZone').isEditable()).toBe(false);
    expect(await page.getByTestId('setting-orderEvents').isEditable()).toBe(false);
    expect(await page.getByTestId('settings-save').count()).toBe(0);

    const refused = await api('PATCH', '/api/v1/settings', { timeZone: 'UTC' });
    expect(refused.status).toBe(403);
    expect((refused.body.error as { code: string }).code).toBe('missing_right');
    expect(pageErrors).toEqual([]);
  });
});

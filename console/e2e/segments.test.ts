import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../../test/helpers/chromium.js';
import { type ConsoleSession, openConsole, postBatch, type TestServer } from './browser.js';

// Segmentation in the console, in a real Chromium against a real Tailor (fresh data dir, console
// already built). The steps build on each other, in order: ingest five shoppers, log in, build a
// segment with the visual builder and watch its live size and validation, save it, read its page,
// try to delete it while another segment uses it, make a manual list, then check the profile's
// segment panel and the models page.

/** How long ingested events may take to reach profiles, segments and models. */
const EVENTUALLY_MS = 30_000;

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * Who should be in "ordered in the last 30 days AND plan = pro": `in` says so. The others each
 * miss one half: no order, the wrong plan, or an order too long ago.
 */
const shoppers = [
  { key: 'ada', plan: 'pro', orders: [{ days: 2, total: 120 }], in: true },
  { key: 'bob', plan: 'pro', orders: [], in: false },
  { key: 'cy', plan: 'free', orders: [{ days: 3, total: 80 }], in: false },
  { key: 'dee', plan: 'pro', orders: [{ days: 60, total: 50 }], in: false },
  {
    key: 'eve',
    plan: 'pro',
    orders: [
      { days: 5, total: 90 },
      { days: 1, total: 200 },
    ],
    in: true,
  },
].map((s) => ({ ...s, userId: `seg-${s.key}-${suffix}`, email: `${s.key}.${suffix}@example.com` }));
const members = shoppers.filter((s) => s.in);
const customers = shoppers.filter((s) => s.orders.length > 0);
/** First order within the default 30 days of the lifecycle's "new" stage. */
const newCustomers = customers.filter((s) => Math.max(...s.orders.map((o) => o.days)) <= 30);

const segmentName = `Recent pro buyers ${suffix}`;
const definition = {
  version: 1,
  root: {
    type: 'and',
    children: [
      {
        type: 'event',
        event: 'Order Completed',
        count: { op: 'at_least', value: 1 },
        window: { last: { amount: 30, unit: 'days' } },
      },
      { type: 'trait', trait: 'plan', op: 'eq', value: 'pro' },
    ],
  },
};

// Skipped (and reported by test/global-setup.ts) only where Chromium is not installed; never under CI=true.
describe.skipIf(!CHROMIUM)('Tailor console: segments and models', () => {
  let server: TestServer;
  let page: Page;
  let pageErrors: string[] = [];
  let close: (() => Promise<void>) | undefined;
  let api: ConsoleSession['api'];

  beforeAll(async () => {
    ({ server, page, pageErrors, close, api } = await openConsole());
  });

  afterAll(async () => close?.());

  it('ingests five shoppers and logs in', async () => {
    const batch = shoppers.flatMap((s) => [
      {
        type: 'identify',
        userId: s.userId,
        traits: { email: s.email, name: `Shopper ${s.key}`, plan: s.plan },
        timestamp: daysAgo(90),
      },
      { type: 'track', userId: s.userId, event: 'Product Viewed', timestamp: daysAgo(1) },
      ...s.orders.map((o, i) => ({
        type: 'track',
        userId: s.userId,
        event: 'Order Completed',
        properties: { order_id: `${s.key}-${i}-${suffix}`, total: o.total },
        timestamp: daysAgo(o.days),
      })),
    ]);
    const res = await postBatch(server, batch);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, rejected: [] });

    await page.goto('/');
    await page.getByTestId('login-email').fill(server.login.email);
    await page.getByTestId('login-password').fill(server.login.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('profiles-page').waitFor();
    expect(await page.getByTestId('nav-segments').textContent()).toBe('Segments');
    expect(await page.getByTestId('nav-models').textContent()).toBe('Models');

    // Events reach the stores asynchronously: wait until the data answers the segment's question,
    // so that the builder's live estimate below is read on settled data.
    await expect
      .poll(async () => (await api('POST', '/api/v1/segments/preview', { definition })).body.size, {
        timeout: EVENTUALLY_MS,
        interval: 500,
      })
      .toBe(members.length);
  });

  it('builds a segment with the visual builder and shows its live size', async () => {
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segments-page').waitFor();
    await page.getByTestId('segment-new').click();
    await page.getByTestId('segment-editor').waitFor();
    await page.getByTestId('segment-name').fill(segmentName);
    await page.getByTestId('segment-description').fill('Bought in the last month, on the pro plan');
    expect(await page.getByTestId('segment-preview').textContent()).toContain('Add a condition');

    // Performed Order Completed at least once in the last 30 days.
    await page.getByTestId('add-condition').click();
    const ordered = page.getByTestId('condition').nth(0);
    await ordered.getByTestId('condition-type').selectOption('event');
    await ordered.getByTestId('event-name').fill('Order Completed');
    await ordered.getByTestId('count-op').selectOption('at_least');
    await ordered.getByTestId('count-value').fill('1');
    await ordered.getByTestId('window-mode').selectOption('last');
    await ordered.getByTestId('window-last-amount').fill('30');
    await ordered.getByTestId('window-last-unit').selectOption('days');

    // And the trait plan equals "pro".
    await page.getByTestId('add-condition').click();
    const plan = page.getByTestId('condition').nth(1);
    await plan.getByTestId('condition-type').selectOption('trait');
    await plan.getByTestId('trait-name').fill('plan');
    await plan.getByTestId('comparison-op').selectOption('eq');
    await plan.getByTestId('comparison-value').fill('pro');

    expect(await page.getByTestId('group-op').inputValue()).toBe('and');
    const json = JSON.parse((await page.getByTestId('definition-json').textContent()) ?? '{}');
    expect(json).toEqual(definition);

    await page.locator('[data-testid="segment-preview"][aria-busy="false"]').waitFor();
    await expect
      .poll(() => page.getByTestId('preview-size').textContent(), { timeout: EVENTUALLY_MS })
      .toBe(String(members.length));
    expect(await page.getByTestId('preview-profiles').textContent()).toContain(
      `of ${shoppers.length} profiles`,
    );
    expect(await page.getByTestId('preview-sample').locator('li').count()).toBe(members.length);
  });

  it('shows the server’s validation issues at the field they are about', async () => {
    const plan = page.getByTestId('condition').nth(1);
    await plan.getByTestId('comparison-op').selectOption('gt');
    // An emptied number is sent as null; the server names the field by its pointer.
    await page.getByTestId('preview-issues').waitFor();
    expect(await page.getByTestId('issue').first().getAttribute('data-path')).toBe('/root/children/1/value');
    expect(await plan.getByTestId('comparison-value').getAttribute('aria-invalid')).toBe('true');

    await plan.getByTestId('comparison-op').selectOption('eq');
    await plan.getByTestId('comparison-value').fill('pro');
    await page.getByTestId('preview-issues').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('preview-size').textContent()).toBe(String(members.length));
  });

  it('saves the segment and shows its size and members', async () => {
    await page.getByTestId('segment-save').click();
    await page.getByTestId('segment-page').waitFor();
    expect(await page.getByTestId('segment-title').textContent()).toBe(segmentName);
    expect(await page.getByTestId('segment-size').textContent()).toBe(String(members.length));

    const rows = page.getByTestId('segment-members').getByTestId('profile-row');
    await expect.poll(() => rows.count()).toBe(members.length);
    const shown = await rows.allTextContents();
    for (const m of members) expect(shown.some((text) => text.includes(m.email))).toBe(true);

    const href = (await page.getByTestId('segment-export').getAttribute('href')) ?? '';
    expect(href).toContain('/export.csv');
    expect(href).toContain(`workspace=${server.workspaceId}`);

    await page.getByTestId('nav-segments').click();
    const row = page.getByTestId('segment-row').filter({ hasText: segmentName });
    expect(await row.getByTestId('segment-row-size').textContent()).toBe(String(members.length));
  });

  it('refuses to delete a segment another one uses, and deletes the other', async () => {
    const segments = (await api('GET', '/api/v1/segments')).body.segments as { id: string; name: string }[];
    const saved = segments.find((s) => s.name === segmentName)!;
    const user = await api('POST', '/api/v1/segments', {
      name: `Not recent pro buyers ${suffix}`,
      definition: { version: 1, root: { type: 'not', child: { type: 'segment', segmentId: saved.id } } },
    });
    expect(user.status).toBe(201);

    await page.goto(`/#/segments/${encodeURIComponent(saved.id)}`);
    await page.getByTestId('segment-delete').click();
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('error').textContent()).toBe(
      'Other segments use this segment; change them first.',
    );
    await page.getByTestId('segment-used-by').waitFor();
    expect(await page.getByTestId('segment-used-by').textContent()).toContain('Not recent pro buyers');

    await page.getByTestId('segment-used-by').getByRole('link').click();
    await page.locator(`[data-testid="segment-page"][data-segment-id="${user.body.id}"]`).waitFor();
    await page.getByTestId('segment-delete').click();
    await page.getByTestId('segments-page').waitFor();
    await page.getByTestId('segment-row').filter({ hasText: segmentName }).waitFor();
    expect(await page.getByTestId('segment-row').count()).toBe(1);
  });

  it('creates a manual list from pasted ids', async () => {
    await page.getByTestId('tab-lists').click();
    await page.getByTestId('lists-page').waitFor();
    await page.getByTestId('list-name').fill(`VIP ${suffix}`);
    const ids = [...members.map((m) => m.email), `nobody-${suffix}@example.com`];
    await page.getByTestId('list-create-ids').fill(ids.join('\n'));
    expect(await page.getByTestId('list-create-count').textContent()).toBe(`${ids.length} ids`);
    await page.getByTestId('list-create-submit').click();
    const row = page.getByTestId('list-row').filter({ hasText: `VIP ${suffix}` });
    await row.waitFor();
    expect(await row.getByTestId('list-size').textContent()).toBe(String(members.length));
    expect(await row.getByTestId('list-unmatched').textContent()).toBe('1');
  });

  it('lists the segment on a member’s profile page', async () => {
    const member = members[0]!;
    await page.goto(`/#/profiles/${encodeURIComponent(member.userId)}`);
    const panel = page.getByTestId('profile-segments');
    await panel.getByTestId('profile-segments-segment').waitFor();
    expect(await panel.getByTestId('profile-segments-segment').textContent()).toContain(segmentName);
  });

  it('shows the ingested customers on the models page', async () => {
    await page.getByTestId('nav-models').click();
    await page.getByTestId('models-page').waitFor();
    const stage = (id: string) =>
      page.locator(
        `[data-testid="lifecycle-stages-bar"][data-id="${id}"] [data-testid="lifecycle-stages-count"]`,
      );
    const count = async (id: string) => Number((await stage(id).textContent())?.replace(/\D/g, '') ?? 'NaN');
    // Models are recomputed in the background: reload until the shoppers' stages are in.
    await expect
      .poll(
        async () => {
          await page.reload();
          await stage('new').waitFor();
          return count('new');
        },
        { timeout: EVENTUALLY_MS, interval: 1000 },
      )
      .toBe(newCustomers.length);
    const stages = ['new', 'active', 'loyal', 'at_risk', 'churned', 'won_back'];
    const withOrders = (await Promise.all(stages.map(count))).reduce((a, b) => a + b, 0);
    expect(withOrders).toBe(customers.length);

    expect(await page.getByTestId('rfm-customers').textContent()).toBe(String(customers.length));
    await page.getByTestId('lifecycle-days').selectOption('7');
    await page.locator('[data-testid="lifecycle-panel"][aria-busy="false"]').waitFor();
    expect(await page.getByTestId('rules-lifecycle').textContent()).toContain(
      'Loyal: at least 5 orders and last order within 90 days',
    );

    // Each count opens the group's members.
    await stage('new').click();
    await page.getByTestId('segment-page').waitFor();
    expect(await page.getByTestId('segment-edit').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('segment-members').getByTestId('profile-row').count())
      .toBe(newCustomers.length);
    expect(pageErrors).toEqual([]);
  });
});

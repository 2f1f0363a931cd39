// serve.spec.js — the scenarios of issue #11 in a real browser.
const { test, expect } = require('@playwright/test');
const { login } = require('./helpers');

const ENT = '91654202055289139B';      // the enterprise account's own
const OTHER = '91654202689590361J';    // another enterprise, renamed to markup
const AS_OF = '2026-11-28';

// no horizontal scrolling at the page's current width
async function expectNoHorizontalScroll(page) {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth,
                                              document.documentElement.clientWidth]);
  expect(sw).toBeLessThanOrEqual(cw);
}

test('a wrong password is refused, then the name is throttled', async ({ page }) => {
  await page.goto('/login');
  for (let i = 0; i < 5; i++) {
    await page.fill('#user', 'locked');
    await page.fill('#password', 'not the password');
    const [resp] = await Promise.all([page.waitForResponse('**/login'),
                                      page.click('button[type=submit]')]);
    expect(resp.status()).toBe(401);
    await expect(page.locator('.error')).toHaveText('用户名或密码错误');
  }
  await page.fill('#user', 'locked');
  await page.fill('#password', 'locked password 1');
  const [resp] = await Promise.all([page.waitForResponse('**/login'),
                                    page.click('button[type=submit]')]);
  expect(resp.status()).toBe(429);
  await expect(page.locator('.error')).toContainText('登录失败次数过多');
  // an unknown name gets the same words as a wrong password
  await page.fill('#user', 'nobody');
  await page.fill('#password', 'not the password');
  const [r2] = await Promise.all([page.waitForResponse('**/login'),
                                  page.click('button[type=submit]')]);
  expect(r2.status()).toBe(401);
  await expect(page.locator('.error')).toHaveText('用户名或密码错误');
});

test('a page without a session goes to login and comes back after it', async ({ page }) => {
  await page.goto(`/enterprises/${ENT}?as_of=${AS_OF}`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.fill('#user', 'off');
  await page.fill('#password', 'officer password 1');
  await Promise.all([page.waitForURL(`**/enterprises/${ENT}?as_of=${AS_OF}`),
                     page.click('button[type=submit]')]);
  await expect(page.locator('h2').first()).toHaveText('乌苏市宏达石油化工有限公司');
});

test('the officer dashboard lists what to chase and links to it', async ({ page }) => {
  await login(page, 'off', 'officer password 1');
  await page.goto(`/?as_of=${AS_OF}`);
  await expect(page.locator('h1')).toHaveText('督办看板');
  const first = page.locator('ol.chase li').first();
  await expect(first).toHaveClass(/overdue/);
  const href = await first.locator('a').getAttribute('href');
  expect(href).toMatch(/^\/(enterprises\/|reports\/park)/);
  await first.locator('a').click();
  await expect(page).toHaveURL(new RegExp(href.replace(/[?]/g, '\\?')));
  // the API agrees with the page
  const api = await page.request.get(`/api/v1/overdue?as_of=${AS_OF}`);
  expect(api.status()).toBe(200);
  const rows = await api.json();
  await page.goto(`/?as_of=${AS_OF}`);
  // every overdue obligation of the API is a row (the hazard deadline rule's
  // rows aside: its major hazards have rows of their own)
  const others = rows.filter((r) => r.status === 'overdue' && r.rule !== 'HAZ-RECTIFY-DEADLINE');
  const page_rows = page.locator('ol.chase li.overdue:not(.major)')
    .filter({ hasNotText: 'HAZ-RECTIFY-DEADLINE' });
  await expect(page_rows).toHaveCount(others.length);
  const total = await page.locator('ol.chase li.overdue').count();
  await expect(page.locator('.summary .overdue')).toHaveText(`逾期 ${total} 项`);
});

test('open major hazards are listed on their own, each once, linking to the hazard', async ({ page }) => {
  await login(page, 'off', 'officer password 1');
  await page.goto(`/?as_of=${AS_OF}`);
  // the sample's YH-HT-04 (major, past its deadline of 2026-10-31) and
  // YH-HD-03 (major, due 2026-12-20); YH-HF-02 was closed
  const m1 = page.locator('ol.chase li.major', { hasText: 'YH-HT-04' });
  await expect(m1).toHaveCount(1);
  await expect(m1.locator('.badge')).toHaveText('重大隐患 逾期 28 天');
  await expect(page.locator('ol.chase li.major', { hasText: 'YH-HD-03' }).locator('.badge'))
    .toHaveText('重大隐患 剩余 22 天');
  await expect(page.locator('ol.chase li', { hasText: 'YH-HF-02' })).toHaveCount(0);
  await expect(page.locator('.summary .major')).toHaveText('未销号重大隐患 2 项');
  // named once on the page: the deadline rule's row keeps the other hazards
  expect((await page.locator('ol.chase').innerText()).split('YH-HT-04').length - 1).toBe(1);
  await expect(page.locator('ol.chase li:not(.major)', { hasText: 'YH-HT-06' })).toHaveCount(1);
  // most late first: the major hazard 28 days late before anything less late
  const badges = await page.locator('ol.chase li.overdue .badge').allInnerTexts();
  const days = badges.map((b) => Number(/(\d+) 天/.exec(b)[1]));
  expect(days).toEqual([...days].sort((a, b) => b - a));
  await Promise.all([page.waitForURL('**/hazards/YH-HT-04'), m1.locator('a').click()]);
  await expect(page.locator('h1')).toContainText('YH-HT-04');
});

test('the enterprise account sees only its own enterprise', async ({ page }) => {
  await login(page, 'ent', 'enterprise password 1');
  let resp = await page.goto(`/enterprises/${ENT}`);
  expect(resp.status()).toBe(200);
  resp = await page.goto(`/enterprises/${OTHER}`);
  expect(resp.status()).toBe(404);
  resp = await page.goto('/reports/park?park=WSHG');
  expect(resp.status()).toBe(404);
  const list = await (await page.request.get('/api/v1/enterprises')).json();
  expect(list.map((e) => e.id)).toEqual([ENT]);
  const check = await (await page.request.get(`/api/v1/check?as_of=${AS_OF}`)).json();
  expect(check.subjects.map((s) => s.id)).toEqual([ENT]);
  expect((await page.request.get(`/api/v1/check?enterprise=${OTHER}`)).status()).toBe(404);
});

test('a POST without its CSRF token, or with another session\'s, is 403', async ({ page, browser }) => {
  await login(page, 'off', 'officer password 1');
  const other = await browser.newContext();
  const p2 = await other.newPage();
  await login(p2, 'view', 'viewer password 1');
  const stolen = (await (await p2.request.get('/api/v1/session')).json()).csrf;
  expect((await page.request.post('/logout', { form: {} })).status()).toBe(403);
  expect((await page.request.post('/logout', { form: { csrf: stolen } })).status()).toBe(403);
  expect((await page.request.post('/logout', { headers: { 'X-CSRF-Token': stolen } })).status()).toBe(403);
  // still logged in
  expect((await page.request.get('/api/v1/session')).status()).toBe(200);
  // the logout button carries the token and works
  await Promise.all([page.waitForURL('**/login'), page.click('form.logout button')]);
  expect((await page.request.get('/api/v1/session')).status()).toBe(401);
  await other.close();
});

test('the viewer sees everything and is offered nothing to change', async ({ page }) => {
  await login(page, 'view', 'viewer password 1');
  await page.goto(`/?as_of=${AS_OF}`);
  await expect(page.locator('form')).toHaveCount(1);   // logout only
  const resp = await page.goto(`/enterprises/${OTHER}`);
  expect(resp.status()).toBe(200);
  const s = await (await page.request.get('/api/v1/session')).json();
  expect(s.role).toBe('viewer');
});

test('markup in data is shown as text on every page', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  await login(page, 'admin', 'admin password 1');
  await page.goto(`/enterprises/${OTHER}?as_of=${AS_OF}`);
  await expect(page.locator('h2').first()).toHaveText('<script>alert(1)</script>永兴&amp;化工');
  await page.goto(`/?as_of=${AS_OF}`);
  await page.goto(`/reports/park?park=WSHG&as_of=${AS_OF}`);
  await page.goto(`/reports/enterprise/${OTHER}?as_of=${AS_OF}`);
  expect(dialogs).toBe(0);
  const html = await (await page.request.get(`/enterprises/${OTHER}`)).text();
  expect(html).not.toContain('<script>alert');
});

for (const width of [390, 360, 800]) {
  test(`pages fit a ${width}-px screen without horizontal scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/login');
    await expectNoHorizontalScroll(page);
    await login(page, 'off', 'officer password 1');
    await page.goto(`/?as_of=${AS_OF}`);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `test-results/dashboard-${width}.png`, fullPage: false });
    await page.goto(`/enterprises/${ENT}?as_of=${AS_OF}`);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: `test-results/enterprise-${width}.png`, fullPage: false });
  });
}

test('pages at 1280 px', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await login(page, 'off', 'officer password 1');
  await page.goto(`/?as_of=${AS_OF}`);
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: 'test-results/dashboard-1280.png' });
});

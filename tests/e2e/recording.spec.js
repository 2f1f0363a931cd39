// recording.spec.js — an inspection with two failed items, both hazards
// registered, the enterprise's rectification with a photo, the officer's
// closing; the dashboard and /api/v1/check change with each step; a
// viewer and a POST without its token change nothing.
const { test, expect } = require('@playwright/test');
const { login } = require('./helpers');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const ENT = '91654202055289139B';
const FAILED = [3, 7];

function day(offset) {
  const d = new Date(Date.now() + offset * 86400000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
const TODAY = day(0), DEADLINE = day(3);

async function status(page, rule) {
  const doc = await (await page.request.get(`/api/v1/check?enterprise=${ENT}&as_of=${TODAY}`)).json();
  return doc.subjects[0].results.find((r) => r.rule === rule).status;
}

// a real 2x2 PNG
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const raw = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
                        chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test.describe.configure({ mode: 'serial' });

let inspectionUrl;
const hazards = [];

test('the officer records an inspection with two failed items on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'off', 'officer password 1');
  expect(await status(page, 'HAZ-FROM-FAILED-ITEM')).toBe('pass');
  await page.goto(`/enterprises/${ENT}`);
  await page.click('text=新增检查');
  await expect(page.locator('h1')).toHaveText('季度安全检查');
  // usable at 390 px: no horizontal scrolling, controls large enough to tap
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth,
                                              document.documentElement.clientWidth]);
  expect(sw).toBeLessThanOrEqual(cw);
  const box = await page.locator('label.choice.pass span').first().boundingBox();
  expect(box.height).toBeGreaterThanOrEqual(44);
  await page.screenshot({ path: 'test-results/inspection-390.png', fullPage: true });

  await page.fill('#f-inspectors', '<i>王五</i>');
  // a wrong date comes back 422 with every choice kept
  await page.fill('#f-date', '2026-02-30');
  for (let n = 1; n <= 13; n++) {
    const v = FAILED.includes(n) ? 'fail' : 'pass';
    await page.locator(`input[name=item${n}][value=${v}]`).check({ force: true });
    if (v === 'fail') await page.fill(`#note${n}`, `第${n}项的问题 <script>x</script>`);
  }
  const [bad] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/inspections')),
                                   page.click('button.primary.wide')]);
  expect(bad.status()).toBe(422);
  await expect(page.locator('.field.invalid .field-error')).toContainText('不是有效日期');
  await expect(page.locator('#f-date')).toHaveValue('2026-02-30');
  await expect(page.locator('#f-inspectors')).toHaveValue('<i>王五</i>');
  await expect(page.locator('input[name=item3][value=fail]')).toBeChecked();
  await expect(page.locator('#note7')).toHaveValue('第7项的问题 <script>x</script>');

  await page.fill('#f-date', TODAY);
  await Promise.all([page.waitForURL(/\/inspections\/INSP-/), page.click('button.primary.wide')]);
  inspectionUrl = page.url();
  await expect(page.locator('a.button', { hasText: '登记此项隐患' })).toHaveCount(2);
  expect(await status(page, 'HAZ-FROM-FAILED-ITEM')).toBe('fail');
});

test('each failed item registers its hazard, prefilled', async ({ page }) => {
  await login(page, 'off', 'officer password 1');
  for (const n of FAILED) {
    await page.goto(inspectionUrl);
    await page.locator('a.button', { hasText: '登记此项隐患' }).nth(hazards.length).click();
    await expect(page.locator('#f-enterprise')).toHaveValue(ENT);
    await expect(page.locator('#f-item')).toHaveValue(String(n));
    await expect(page.locator('#f-inspection')).toHaveValue(/^INSP-/);
    await page.fill('#f-description', `检查项 ${n} 的隐患 <img src=x onerror=alert(1)>`);
    await page.selectOption('#f-grade', 'general');
    await page.fill('#f-deadline', DEADLINE);
    await Promise.all([page.waitForURL(/\/hazards\/HAZ-/), page.click('button.primary')]);
    hazards.push(page.url());
    await expect(page.locator('dd', { hasText: '<img src=x onerror=alert(1)>' })).toHaveCount(1);
  }
  expect(await status(page, 'HAZ-FROM-FAILED-ITEM')).toBe('pass');
  // the dashboard now chases the new deadline
  await page.goto('/');
  await expect(page.locator('ol.chase li', { hasText: `截止 ${DEADLINE}` })).not.toHaveCount(0);
});

test('the enterprise fills the 四落实 and uploads a photo, but cannot close', async ({ page }) => {
  await login(page, 'ent', 'enterprise password 1');
  const dir = test.info().outputDir;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'fixed.png'), png());
  fs.writeFileSync(path.join(dir, 'fake.jpg'), Buffer.from('\xff\xd8\xff<html>not a photo</html>', 'latin1'));
  for (const url of hazards) {
    await page.goto(url);
    await expect(page.locator('form[action$="/close"]')).toHaveCount(0);
    await page.fill('#f-measures', '清理现场并加装防护');
    await page.fill('#f-funds', '5000');
    await page.fill('#f-owner', '赵六');
    await Promise.all([page.waitForURL(url), page.click('text=保存整改信息')]);
    await expect(page.locator('dd', { hasText: '赵六' })).toHaveCount(1);
    // a file that claims to be a JPEG but is not
    await page.setInputFiles('#photo', path.join(dir, 'fake.jpg'));
    const [resp] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/evidence')),
                                      page.click('text=上传照片')]);
    expect(resp.status()).toBe(422);
    await expect(page.locator('p.error')).toHaveText('文件不是 JPEG 或 PNG 图片');
    await page.setInputFiles('#photo', path.join(dir, 'fixed.png'));
    await page.fill('#caption', '整改后');
    await Promise.all([page.waitForURL(url), page.click('text=上传照片')]);
    const img = page.locator('ul.photos img');
    await expect(img).toHaveCount(1);
    const photo = await page.request.get(await img.getAttribute('src'));
    expect(photo.headers()['content-type']).toBe('image/png');
    expect(photo.headers()['content-disposition']).toMatch(/^inline; filename=evidence-\d+\.png$/);
    // closing is the officer's: 403, and nothing changes
    const csrf = (await (await page.request.get('/api/v1/session')).json()).csrf;
    const r = await page.request.post(url + '/close', { form: { csrf, closed: TODAY, verified_by: '赵六' } });
    expect(r.status()).toBe(403);
    const r2 = await page.request.post(url, { form: { csrf, description: '改写描述' } });
    expect(r2.status()).toBe(403);
    // and marks it rectified
    await page.goto(url);
    await page.fill('#f-rectified', TODAY);
    await page.fill('#f-rectification', '已清理并加装防护 <b>完成</b>');
    await Promise.all([page.waitForURL(url), page.click('text=报告整改完成')]);
    await expect(page.locator('p.state')).toHaveText('已整改待验收');
  }
  expect(await status(page, 'HAZ-FOUR-IMPLEMENTATIONS')).toBe('pass');
  // another enterprise's page is not there for this account
  expect((await page.goto('/enterprises/91654202689590361J')).status()).toBe(404);
});

test('the officer closes both; the dashboard drops the deadline', async ({ page }) => {
  await login(page, 'off', 'officer password 1');
  for (const url of hazards) {
    await page.goto(url);
    await page.fill('#f-closed', TODAY);
    await page.fill('#f-verified_by', '李四');
    await Promise.all([page.waitForURL(url), page.click('form[action$="/close"] button')]);
    await expect(page.locator('p.state')).toHaveText(`已销号 ${TODAY}`);
    // the history says who did what
    const history = page.locator('ol.history li');
    await expect(history.filter({ hasText: 'off' })).not.toHaveCount(0);
    await expect(history.filter({ hasText: 'ent' })).not.toHaveCount(0);
  }
  await page.goto('/');
  await expect(page.locator('ol.chase li', { hasText: `截止 ${DEADLINE}` })).toHaveCount(0);
});

test('a viewer, and a POST without its token, change nothing', async ({ page, browser }) => {
  const before = await fetchDump().text();
  await login(page, 'view', 'viewer password 1');
  await page.goto(hazards[0]);
  await expect(page.locator('form[method=post]')).toHaveCount(1);   // logout only
  const csrf = (await (await page.request.get('/api/v1/session')).json()).csrf;
  const form = { csrf, enterprise: ENT, date: TODAY, kind: 'special' };
  for (let n = 1; n <= 13; n++) form[`item${n}`] = 'pass';
  expect((await page.request.post('/inspections', { form })).status()).toBe(403);
  expect((await page.request.post(hazards[0] + '/void', { form: { csrf, reason: 'x' } })).status()).toBe(403);
  expect((await page.request.post(`/api/v1/records/meetings`, {
    headers: { 'X-CSRF-Token': csrf }, data: { park: 'WSHG', date: TODAY, kind: 'quarterly' } })).status()).toBe(403);
  // the officer without the token
  const ctx = await browser.newContext();
  const p2 = await ctx.newPage();
  await login(p2, 'off', 'officer password 1');
  delete form.csrf;
  expect((await p2.request.post('/inspections', { form })).status()).toBe(403);
  expect((await p2.request.post(hazards[0] + '/void', { form: { reason: 'x' } })).status()).toBe(403);
  await ctx.close();
  expect(await fetchDump().text()).toBe(before);
  expect(before).toContain('INSERT INTO hazards');
});

// the store's records (sessions and login failures aside: logging in writes them)
function fetchDump() {
  const out = execFileSync('sqlite3', [process.env.ST_DB, '.dump'], { encoding: 'utf8' });
  const text = out.split('\n').filter((l) => !/INSERT INTO (sessions|login_failures)\b/.test(l)).join('\n');
  return { text: async () => text };
}

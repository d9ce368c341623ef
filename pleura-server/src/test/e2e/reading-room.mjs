// End-to-end test of Pleura's reading room in Debian's Chromium, driven by playwright-core. Started by
// ReadingRoomBrowserTest with a running server and its data in the environment; exits non-zero at the first
// failed check, with a screenshot of the page as it was.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const BASE = env.PLEURA_URL;
const SHOTS = env.PLEURA_SCREENSHOTS;
const PASSWORD = env.PLEURA_PASSWORD;
const ORDER = env.PLEURA_EXPECTED_ORDER.split(',');
const URGENT = env.PLEURA_URGENT_FINDING;
const FOLLOW = env.PLEURA_FOLLOW_FINDING;
const MISSED = env.PLEURA_MISSED_FINDING;
mkdirSync(SHOTS, { recursive: true });

const problems = [];
let current = null;
let step = 'start';

function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, name + '.png') });
  console.log('screenshot ' + name + '.png');
}

/** A page that refuses anything not served by Pleura and records script errors. */
async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true,
    locale: 'fr-FR', ...options });
  await context.route('**/*', route => {
    const url = route.request().url();
    if (url.startsWith(BASE) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    problems.push('request outside Pleura: ' + url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', e => problems.push('page error: ' + e.message));
  page.on('console', m => { if (m.type() === 'error' && !/401|Failed to load resource/.test(m.text())) problems.push('console: ' + m.text()); });
  current = page;
  return page;
}

async function signIn(page, user) {
  await page.goto(BASE + '/worklist');
  await page.waitForURL(/\/login/);
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForURL(/\/worklist/);
  await page.waitForSelector('#rows tr');
}

async function rows(page) {
  return page.$$eval('#rows tr', trs => trs.map(tr => ({ level: tr.dataset.level, uid: tr.dataset.uid,
    accession: tr.children[3].textContent.trim(), reviewed: tr.classList.contains('reviewed') })));
}

async function canvas(page) {
  return (await page.locator('#canvas').screenshot()).toString('base64');
}

async function main() {
  const browser = await chromium.launch({ executablePath: env.PLEURA_CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    // ---------------------------------------------------------------- sign-in
    step = 'sign-in page';
    let page = await newPage(browser);
    await page.goto(BASE + '/');
    await page.waitForURL(/\/login/);
    await page.waitForFunction(() => document.querySelector('#login-submit').textContent.trim().length > 0);
    check(await page.isVisible('#ai-notice'), 'the AI-aid notice is on the sign-in page');
    await page.fill('#username', env.PLEURA_RADIOLOGIST);
    await page.fill('#password', 'not the password');
    await page.click('#login-submit');
    await page.waitForFunction(() => document.querySelector('#login-error').textContent.length > 0);
    check(page.url().includes('/login'), 'a wrong password keeps the user on the sign-in page');
    await shot(page, '01-login-refused');

    step = 'worklist';
    await page.fill('#password', PASSWORD);
    await page.click('#login-submit');
    await page.waitForURL(/\/worklist/);
    await page.waitForSelector('#rows tr');
    check(await page.isVisible('#ai-notice'), 'the notice is on the worklist');
    let list = await rows(page);
    check(JSON.stringify(list.map(r => r.accession)) === JSON.stringify(ORDER),
      'worklist order ' + list.map(r => r.accession) + ' is urgent, doubtful, follow-up, routine: ' + ORDER);
    check(JSON.stringify(list.map(r => r.level)) === JSON.stringify(['urgent_positive', 'doubtful', 'follow_up', 'routine']),
      'levels ' + list.map(r => r.level));
    const first = await page.textContent('#rows tr:first-child');
    check(first.includes('MARTIN Claire') && first.includes('Urgent'), 'patient name and level shown: ' + first);
    await shot(page, '02-worklist');

    step = 'worklist filters';
    await page.selectOption('#f-finding', URGENT);
    await page.waitForFunction(n => document.querySelectorAll('#rows tr').length === n, 2);
    await shot(page, '03-worklist-filter-finding');
    await page.click('#f-reset');
    await page.waitForFunction(n => document.querySelectorAll('#rows tr').length === n, 4);

    step = 'live update';
    const picture = readFileSync(env.PLEURA_PICTURE);
    // sending images over HTTP needs a credential (closed by default): a modality gateway's, here the admin's
    const sender = 'Basic ' + Buffer.from(env.PLEURA_ADMIN + ':' + PASSWORD).toString('base64');
    const sent = await page.request.post(BASE + '/api/images', { headers: { 'Content-Type': 'image/jpeg',
      Authorization: sender }, data: picture });
    check(sent.status() === 202, 'picture sent: ' + sent.status());
    await page.waitForFunction(n => document.querySelectorAll('#rows tr').length === n, 5, { timeout: 30000 });
    list = await rows(page);
    check(list[4].level === 'routine' && list.slice(0, 4).map(r => r.accession).join() === ORDER.join(),
      'the new routine study arrived live, at the end: ' + JSON.stringify(list));

    // ---------------------------------------------------------------- viewer
    step = 'viewer';
    await page.click('#rows tr:first-child');
    await page.waitForURL(/\/viewer\?study=/);
    await page.waitForSelector('#stage[data-ready="true"]', { timeout: 60000 });
    check(await page.isVisible('#ai-notice'), 'notice above the viewer');
    check(await page.isVisible('#ai-tag'), 'notice on the image');
    check(await page.isVisible('.side .notice-box'), 'notice in the findings panel');
    const modelLine = await page.textContent('#model-line');
    check(modelLine.includes('pleura-e2e-scripted') && modelLine.includes('1.0'), 'model name and version: ' + modelLine);
    const urgentCard = page.locator('.finding[data-finding="' + URGENT + '"]');
    check((await urgentCard.getAttribute('class')).includes('positive'), 'the urgent finding is called positive');
    check((await urgentCard.textContent()).includes('0.91'), 'its score is shown');
    check((await urgentCard.locator('.ops').textContent()).includes('0.60'), 'its operating point is shown');
    await shot(page, '04-viewer');

    step = 'toggle boxes';
    const withBoxes = await canvas(page);
    await page.keyboard.press('b');
    check(await page.getAttribute('#toggle-boxes', 'aria-pressed') === 'false', 'B hides the boxes');
    await page.waitForTimeout(150);
    const withoutBoxes = await canvas(page);
    check(withBoxes !== withoutBoxes, 'the boxes were drawn, and are gone');
    await shot(page, '05-viewer-no-boxes');
    await page.click('#toggle-boxes');
    await page.locator('.finding[data-finding="' + URGENT + '"] .box-toggle').uncheck();
    await page.waitForTimeout(150);
    check(await canvas(page) !== withBoxes, 'one finding\'s box hidden on its own');
    await page.locator('.finding[data-finding="' + URGENT + '"] .box-toggle').check();

    step = 'heat map';
    const noHeat = await canvas(page);
    check(await page.isEnabled('#toggle-heat'), 'the analysis has heat maps');
    await page.keyboard.press('h');
    check(await page.getAttribute('#toggle-heat', 'aria-pressed') === 'true', 'H shows the heat map');
    await page.waitForTimeout(150);
    const heat = await canvas(page);
    check(heat !== noHeat, 'the heat map is drawn');
    await page.fill('#heat-opacity', '80');
    await page.waitForTimeout(150);
    check(await canvas(page) !== heat, 'the opacity slider changes the heat map');
    check(await page.isChecked('input[name=heat-finding][value="' + URGENT + '"]'), 'the strongest finding\'s map first');
    await shot(page, '05b-viewer-heat-map');
    await page.check('input[name=heat-finding][value="' + FOLLOW + '"]');
    await page.waitForTimeout(150);
    check(await canvas(page) !== heat, 'another finding\'s map');
    await page.keyboard.press('h');
    await page.fill('#heat-opacity', '45');

    step = 'window';
    const before = await page.textContent('#readout');
    const beforePixels = await canvas(page);
    const box = await page.locator('#stage').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 160, box.y + box.height / 2 + 90, { steps: 6 });
    await page.mouse.up();
    await page.waitForTimeout(150);
    const after = await page.textContent('#readout');
    check(before !== after, 'dragging changed the window: ' + before + ' -> ' + after);
    check(beforePixels !== await canvas(page), 'dragging changed the picture');
    await shot(page, '06-viewer-window-drag');
    const presets = await page.$$eval('#preset option', o => o.map(x => x.textContent));
    check(presets.length >= 5, 'window presets: ' + presets);
    await page.keyboard.press('4');
    await page.waitForTimeout(150);
    check(await page.textContent('#readout') !== after, 'preset 4 changed the window');
    await page.keyboard.press('r');
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.35);
    await page.mouse.wheel(0, -600);
    await page.waitForTimeout(200);
    check((await page.textContent('#readout')).match(/(\d+)%/)[1] > 60, 'the wheel zooms in');
    await shot(page, '07-viewer-zoom');
    await page.keyboard.press('f');

    step = 'feedback';
    await page.click('.finding[data-finding="' + URGENT + '"] .verdict-btn.agree');
    await page.waitForSelector('.finding[data-finding="' + URGENT + '"] .verdict-btn.agree[aria-pressed="true"]');
    await page.click('.finding[data-finding="' + FOLLOW + '"] .verdict-btn.disagree');
    await page.waitForSelector('.finding[data-finding="' + FOLLOW + '"] .verdict-btn.disagree[aria-pressed="true"]');
    await page.selectOption('#mark-finding', MISSED);
    await page.click('#draw-mark');
    const stage = await page.locator('#stage').boundingBox();
    await page.mouse.move(stage.x + stage.width * 0.35, stage.y + stage.height * 0.45);
    await page.mouse.down();
    await page.mouse.move(stage.x + stage.width * 0.45, stage.y + stage.height * 0.56, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector('#marks li');
    check((await page.textContent('#marks')).includes('Marie Curie'), 'the missed finding is listed with who added it');
    await shot(page, '08-viewer-feedback');

    step = 'next and previous study';
    const here = page.url();
    await page.keyboard.press('j');
    await page.waitForURL(u => u.toString() !== here);
    await page.waitForSelector('#stage[data-ready="true"]', { timeout: 60000 });
    check((await page.textContent('#corner-tr')).includes('E2E-DOUBTFUL'), 'J opens the next study of the worklist');
    await shot(page, '09-viewer-next-doubtful');
    await page.keyboard.press('k');
    await page.waitForURL(here);

    step = 'reviewed in the worklist';
    await page.goto(BASE + '/worklist');
    await page.waitForSelector('#rows tr');
    list = await rows(page);
    check(list[0].reviewed && !list[1].reviewed, 'the first study shows as reviewed: ' + JSON.stringify(list));
    check((await page.textContent('#rows tr:first-child')).includes('Marie Curie'), 'with the reviewer');
    await page.selectOption('#f-reviewed', 'no');
    await page.waitForFunction(n => document.querySelectorAll('#rows tr').length === n, 4);
    await page.click('#f-reset');
    await page.waitForFunction(n => document.querySelectorAll('#rows tr').length === n, 5);

    step = 'english';
    await page.click('.lang-switch button[data-lang="en"]');
    await page.waitForFunction(() => document.querySelector('.app-nav a')?.textContent === 'Worklist');
    await page.waitForSelector('#rows tr');
    check((await page.textContent('#ai-notice')).includes('AI aid, not a diagnosis'), 'English notice');
    await shot(page, '10-worklist-english');
    await page.click('#rows tr:first-child');
    await page.waitForSelector('#stage[data-ready="true"]', { timeout: 60000 });
    await shot(page, '11-viewer-english');
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.waitForTimeout(300);
    await shot(page, '12-viewer-laptop');
    await page.click('.lang-switch button[data-lang="fr"]');
    await page.waitForFunction(() => document.querySelector('.app-nav a')?.textContent === 'Liste de travail');
    await page.click('#sign-out');
    await page.waitForURL(/\/login/);
    await page.context().close();

    // ---------------------------------------------------------------- clinician
    step = 'clinician';
    page = await newPage(browser);
    await signIn(page, env.PLEURA_CLINICIAN);
    check(!(await page.isVisible('.app-nav a[href="/admin"]')), 'no administration for clinicians');
    await page.click('#rows tr:first-child');
    await page.waitForSelector('#stage[data-ready="true"]', { timeout: 60000 });
    check(await page.locator('.verdict-btn').count() === 0, 'clinicians read results, they give no feedback');
    check(await page.locator('#draw-mark').count() === 0, 'nor add missed findings');
    await shot(page, '13-viewer-clinician');
    await page.goto(BASE + '/admin');
    await page.waitForURL(/\/worklist/);
    await page.context().close();

    // ---------------------------------------------------------------- admin
    step = 'admin: feedback and export';
    page = await newPage(browser);
    await signIn(page, env.PLEURA_ADMIN);
    await page.click('.app-nav a[href="/admin"]');
    await page.waitForSelector('#users tbody tr');
    await shot(page, '14-admin-users');
    await page.click('#tab-feedback');
    await page.waitForSelector('#agreement tbody tr[data-finding="' + URGENT + '"]');
    const row = await page.textContent('#agreement tbody tr[data-finding="' + URGENT + '"]');
    check(row.includes('1 / 0') && row.includes('100'), 'agreement with the urgent call: ' + row);
    await shot(page, '15-admin-agreement');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-feedback')]);
    await download.saveAs(join(env.PLEURA_DOWNLOADS, download.suggestedFilename()));
    check(download.suggestedFilename().endsWith('.zip'), 'a zip: ' + download.suggestedFilename());

    step = 'admin: audit trail';
    await page.click('#tab-audit');
    await page.waitForSelector('#audit tbody tr');
    await page.waitForSelector('#chain-status');
    check((await page.getAttribute('#chain-status', 'class')).includes('ok'), 'the hash chain is intact');
    await page.selectOption('#audit-filters select[name=action]', 'feedback.verdict');
    await page.click('#audit-filters button[type=submit]');
    await page.waitForFunction(() => [...document.querySelectorAll('#audit tbody tr')].every(r => r.dataset.action === 'feedback.verdict'));
    check(await page.locator('#audit tbody tr').count() === 2, 'two verdicts recorded');
    await page.selectOption('#audit-filters select[name=action]', '');
    await page.click('#audit-filters button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#audit tbody tr[data-action="export.feedback"]').length === 1);
    const actions = await page.$$eval('#audit tbody tr', trs => trs.map(t => t.dataset.action));
    for (const a of ['login.success', 'login.failure', 'study.view', 'feedback.mark', 'export.feedback', 'preference.change']) {
      check(actions.includes(a), a + ' in the audit trail: ' + [...new Set(actions)]);
    }
    await shot(page, '16-admin-audit');
    await page.click('#tab-settings');
    await page.waitForSelector('#settings select');
    await shot(page, '17-admin-settings');
    await page.context().close();

    check(problems.length === 0, 'no script error and nothing loaded from outside Pleura: ' + problems.join('; '));
    console.log('reading room: every check passed');
  } finally {
    await browser.close();
  }
}

main().catch(async e => {
  console.error('FAILED at ' + step + ': ' + e.message);
  if (problems.length) console.error('also: ' + problems.join('; '));
  try { if (current) await current.screenshot({ path: join(SHOTS, 'failure.png') }); } catch (x) { /* page gone */ }
  process.exit(1);
});

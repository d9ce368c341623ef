// A fracture study in the reading room, in Debian's Chromium driven by playwright-core. Started by
// FractureStudyBrowserTest with a running server (a chest and a fracture model) that has read one wrist radiograph;
// exits non-zero at the first failed check, with a screenshot of the page as it was.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const BASE = env.PLEURA_URL;
const SHOTS = env.PLEURA_SCREENSHOTS;
mkdirSync(SHOTS, { recursive: true });
let step = 'start';
let current = null;

function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}

async function main() {
  const browser = await chromium.launch({ executablePath: env.PLEURA_CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    step = 'sign-in';
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-GB' });
    const page = await context.newPage();
    current = page;
    await page.goto(BASE + '/worklist');
    await page.waitForURL(/\/login/);
    await page.fill('#username', env.PLEURA_RADIOLOGIST);
    await page.fill('#password', env.PLEURA_PASSWORD);
    await page.click('#login-submit');
    await page.waitForURL(/\/worklist/);
    await page.waitForSelector('#rows tr');

    step = 'worklist';
    const rows = await page.$$eval('#rows tr', trs => trs.map(tr => ({ level: tr.dataset.level, uid: tr.dataset.uid })));
    check(rows.length === 1 && rows[0].uid === env.PLEURA_STUDY, 'the wrist study is listed: ' + JSON.stringify(rows));
    check(rows[0].level === 'urgent_positive', 'a positive fracture ranks with the urgent findings: ' + rows[0].level);
    await page.screenshot({ path: join(SHOTS, 'fracture-01-worklist.png') });

    step = 'viewer';
    await page.click('#rows tr:first-child');
    await page.waitForURL(/\/viewer\?study=/);
    await page.waitForSelector('#stage[data-ready="true"]', { timeout: 60000 });
    check(await page.isVisible('#ai-notice'), 'the AI-aid notice above the viewer');
    const modelLine = await page.textContent('#model-line');
    check(modelLine.includes(env.PLEURA_FRACTURE_MODEL), 'the fracture model is named: ' + modelLine);
    const card = page.locator('.finding[data-finding="fracture"]');
    check(await card.count() === 1, 'the fracture finding is in the findings panel');
    check((await card.getAttribute('class')).includes('positive'), 'called positive');
    check((await card.textContent()).includes('Fracture'), 'named from the fracture catalogue: ' + await card.textContent());
    const studyLine = await page.textContent('.study-level');
    check(studyLine.includes('Fracture') && !/abnormal|anormal/i.test(studyLine),
      'the study-level line is the fracture model\'s own, not the chest model\'s: ' + studyLine);
    await page.screenshot({ path: join(SHOTS, 'fracture-02-viewer.png') });

    step = 'boxes';
    const withBoxes = (await page.locator('#canvas').screenshot()).toString('base64');
    await page.keyboard.press('b');
    check(await page.getAttribute('#toggle-boxes', 'aria-pressed') === 'false', 'B hides the boxes');
    await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
    const withoutBoxes = (await page.locator('#canvas').screenshot()).toString('base64');
    check(withBoxes !== withoutBoxes, 'the detector\'s boxes were drawn on the wrist, and are gone');
    await page.screenshot({ path: join(SHOTS, 'fracture-03-viewer-no-boxes.png') });
    console.log('fracture study: every check passed');
  } finally {
    await browser.close();
  }
}

main().catch(async e => {
  console.error('FAILED at ' + step + ': ' + e.message);
  try { if (current) await current.screenshot({ path: join(SHOTS, 'fracture-failure.png') }); } catch (x) { /* gone */ }
  process.exit(1);
});

// The studio in two languages: English by default, Simplified Chinese from the switch or from a
// Chinese browser, every visible word translated at once, and the choice kept across reloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate , openSettings} from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// What stays as it is in Chinese: brand names, language names, model ids, header syntax, shortcuts,
// numbers, sizes, ratios, formats and symbols.
const SAME = [
  /^Banana Studio$/, /^English$/, /^中文（简体）$/, /^Anyfast$/, /^Tokaify$/, /^OpenRouter$/, /^Nano Banana/, /^gemini-[\w.-]+$/,
  /^Authorization: Bearer$/, /^Ctrl\/Cmd \+ Enter$/, /^https?:\/\//, /^\d+ px$/, /^[\d\s.,:×·%−\-KMGB/]+$/, /^[×+‹›⚙]$/,
];
const kept = (s) => SAME.some((r) => r.test(s));

/** Every visible text, and the aria-label, title, placeholder and alt of visible elements, except what
 * the user or the model wrote (prompts, captions, sources). */
function visibleStrings(page) {
  return page.evaluate(() => {
    const out = new Set();
    const skip = '[data-testid=result-prompt],[data-testid=result-caption],.thread,.sources,datalist,script,style';
    const visible = (el) => el.checkVisibility();
    const add = (s) => { s = (s || '').replace(/\s+/g, ' ').trim(); if (s) out.add(s); };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode());) {
      const el = n.parentElement;
      if (!el || el.closest(skip)) continue;
      const select = el.closest('select');
      if (!visible(select ?? el)) continue;
      add(n.textContent);
    }
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
      if (el.closest(skip) || !visible(el)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) add(el.getAttribute(a));
    }
    return [...out];
  });
}

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

test('the switch translates every visible string, results and errors included, and is kept', async () => {
  env.provider.reset();
  const page = await open(env);
  assert.equal(await htmlLang(page), 'en');
  assert.equal(await page.getByLabel('Language').inputValue(), 'en');
  await configure(page, env);
  await generate(page, 'a banana in two languages');
  await page.getByTestId('result-image').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'Done.');
  await page.waitForFunction(() => document.querySelector('[data-testid=storage-note]').textContent.includes('in the history'));
  // A rejected key: the alert shows the error in words.
  await openSettings(page);
  await page.getByTestId('api-key').fill('scenario:http-400-key');
  await generate(page, 'a banana with a bad key');
  await page.waitForFunction(() => !document.querySelector('[data-testid=error]').hidden);
  assert.equal(await page.getByTestId('error').getAttribute('data-kind'), 'invalid-key');
  assert.match(await page.getByTestId('error').innerText(), /API key was rejected/);

  const english = (await visibleStrings(page)).filter((s) => !kept(s));
  for (const s of ['Generate', 'Provider', 'Language', 'Download', 'Continue editing', 'Done.', 'Search prompts and captions']) {
    assert.ok(english.includes(s), `"${s}" is collected`);
  }
  assert.ok(english.some((s) => s.startsWith('Generated image ')), 'the result card is collected');

  await page.getByLabel('Language').selectOption('zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  const chinese = new Set(await visibleStrings(page));
  const left = english.filter((s) => chinese.has(s));
  assert.deepEqual(left, [], 'every English string is translated');
  assert.equal(await page.getByLabel('语言').inputValue(), 'zh-CN');
  assert.equal((await page.getByTestId('generate').innerText()).trim(), '生成');
  assert.equal(await page.getByTestId('download').first().getAttribute('aria-label'), '下载');
  assert.equal(await page.getByTestId('status').innerText(), '完成。');
  assert.match(await page.getByTestId('error').innerText(), /API 密钥被拒绝/);
  assert.match(await page.getByTestId('storage-note').innerText(), /历史记录中有 1 张图片/);

  // A new error arrives in Chinese, too.
  await page.getByTestId('error').getByRole('button').click();
  await page.getByTestId('prompt').fill('');
  await page.getByTestId('generate').click();
  assert.equal(await page.getByTestId('error').getAttribute('data-kind'), 'empty-prompt');
  assert.match(await page.getByTestId('error').innerText(), /请先输入提示词/);

  await page.reload();
  await page.getByTestId('prompt').waitFor();
  assert.equal(await htmlLang(page), 'zh-CN');
  assert.equal(await page.getByTestId('language').inputValue(), 'zh-CN');
  assert.equal((await page.getByTestId('generate').innerText()).trim(), '生成');
  await openSettings(page);
  await page.getByLabel('语言').selectOption('en');
  assert.equal((await page.getByTestId('generate').innerText()).trim(), 'Generate');
  assert.equal(await htmlLang(page), 'en');
  assert.deepEqual(page.consoleMessages.filter((m) => m.startsWith('pageerror')), []);
  await page.context().close();
});

test('a Chinese browser starts in Simplified Chinese', async () => {
  for (const locale of ['zh-CN', 'zh-TW']) {
    const context = await env.browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(env.app.url);
    await page.getByTestId('prompt').waitFor();
    assert.equal(await htmlLang(page), 'zh-CN', locale);
    assert.equal(await page.getByTestId('language').inputValue(), 'zh-CN', locale);
    assert.equal((await page.getByTestId('generate').innerText()).trim(), '生成', locale);
    assert.equal(await page.getByTestId('prompt').getAttribute('placeholder'), '描述你想要的图片，或要对参考图做的修改…');
    await context.close();
  }
});

test('only English is in the first load; Chinese is fetched on first use, waited for with a note, and a refusal is told', async () => {
  // Without the service worker, which keeps every file of the build (the table too) once idle: every
  // request here is the page's own (offline.test.mjs starts in Chinese from the worker's cache).
  const context = await env.browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  const tables = [];
  let release;
  let refuse = true;
  const held = new Promise((r) => { release = r; });
  await context.route(/zh-CN-[0-9a-f]{8}\.json$/, async (route) => {
    tables.push(route.request().url());
    if (refuse) return route.abort('internetdisconnected');
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.app.url);
  await page.getByTestId('prompt').fill('kept through a language switch');
  // An English visitor never asks for the Chinese table, before or after the first screen.
  await page.waitForTimeout(1500);
  assert.deepEqual(tables, []);

  // Refused: the alert says so, the studio stays in English, nothing else changes.
  await openSettings(page);
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByTestId('error').waitFor();
  assert.equal(await page.getByTestId('error').getAttribute('data-kind'), 'language');
  assert.match(await page.getByTestId('error').innerText(), /Chinese texts .* could not be downloaded/);
  assert.equal(await htmlLang(page), 'en');
  assert.equal(await page.getByTestId('language').inputValue(), 'en');
  assert.equal((await page.getByTestId('generate').innerText()).trim(), 'Generate');
  assert.equal(await page.getByTestId('prompt').inputValue(), 'kept through a language switch');

  // Held back: the switch waits for the table and says so, then shows Chinese everywhere at once.
  refuse = false;
  await page.getByTestId('language').selectOption('zh-CN');
  await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent.includes('Chinese texts'));
  assert.equal(await htmlLang(page), 'en');
  release();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal((await page.getByTestId('generate').innerText()).trim(), '生成');
  assert.doesNotMatch(await page.getByTestId('status').innerText(), /Chinese texts/);
  assert.equal(tables.length, 2, 'one request per try');
  assert.match(tables[1], /\/zh-CN-[0-9a-f]{8}\.json$/);

  // The choice is kept: the next visit waits for the table and mounts in Chinese, English never shown.
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  assert.equal((await page.getByTestId('generate').innerText()).trim(), '生成');
  assert.equal(await page.getByTestId('prompt').inputValue(), 'kept through a language switch');
  assert.deepEqual(errors, []);
  await context.close();
});

// Cost awareness: an estimate before running (model, size, count, from the editable price table), each
// result's cost from its usage figures afterwards (or marked estimated without them), and the totals for
// the session and over the history, which follow edits to the table and survive a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate, waitForStoreCount, openSettings, details, closeDetails, pick } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const money = (text) => text.match(/\$(\d+\.\d+)/)[1];
/** As the studio writes amounts: three decimals under 0.1, else two. */
const fmt = (x) => (x !== 0 && x < 0.1 ? x.toFixed(3) : x.toFixed(2));

/** Each result's cost, as its details in the lightbox say it. */
async function resultCosts(page) {
  const costs = [];
  for (const card of await page.getByTestId('result-card').all()) {
    costs.push(await (await details(page, card)).getByTestId('result-cost').textContent());
    await closeDetails(page);
  }
  return costs;
}

test('estimate, per-result cost from usage, totals, and an edited price table', async () => {
  const page = await open(env);
  await configure(page, env);
  await pick(page, 'image-size', '2K');
  await pick(page, 'count', '2');
  const prompt = 'a banana, priced'; // 16 characters: 4 prompt tokens
  await page.getByTestId('prompt').fill(prompt);
  const estimate = page.getByTestId('cost-estimate');
  await page.waitForFunction(() => /2 image\(s\) at 2K/.test(document.querySelector('[data-testid=cost-estimate]').textContent));
  // Example prices: image output $60 per million tokens, 1680 tokens per 2K image, input $0.50.
  const expected = 2 * (1680 * 60 + 4 * 0.5) / 1e6;
  assert.equal(money(await estimate.textContent()), fmt(expected));
  // A bigger size costs more before anything is sent.
  await pick(page, 'image-size', '4K');
  await page.waitForFunction(() => /at 4K/.test(document.querySelector('[data-testid=cost-estimate]').textContent));
  assert.ok(Number(money(await estimate.textContent())) > expected);
  await pick(page, 'image-size', '1K');

  await generate(page, prompt);
  await page.getByTestId('result-image').nth(1).waitFor();
  // The test provider reports 36 prompt tokens and 1290 image tokens per answer.
  const each = (36 * 0.5 + 1290 * 60) / 1e6;
  const costs = await resultCosts(page);
  assert.equal(costs.length, 2);
  for (const c of costs) {
    assert.doesNotMatch(c, /estimated/);
    assert.equal(money(c), fmt(each));
  }
  const totals = page.getByTestId('cost-totals');
  await page.waitForFunction((want) => document.querySelector('[data-testid=cost-totals]').textContent.includes(want), `session: $${fmt(2 * each)}`);
  assert.match(await totals.textContent(), new RegExp(`over the history: \\$${fmt(2 * each).replace('.', '\\.')}`));

  // Editing the table re-prices the results and totals at once.
  await openSettings(page);
  await page.getByTestId('prices').locator('summary').click();
  await page.getByTestId('price-image-0').fill('120');
  await page.getByTestId('price-image-0').press('Tab');
  await details(page);
  await expectText(page, 'result-cost', `$${fmt((36 * 0.5 + 1290 * 120) / 1e6)}`);
  await closeDetails(page);
  await openSettings(page);
  await page.getByTestId('price-currency').fill('¥');
  await page.getByTestId('price-currency').press('Tab');
  await expectText(page, 'cost-totals', '¥');
  // Kept across a reload; the history total is worked out from what the history holds.
  assert.equal(await waitForStoreCount(page, 'entries', 2), 2);
  await page.reload();
  await page.getByTestId('result-image').nth(1).waitFor();
  const twice = 2 * (36 * 0.5 + 1290 * 120) / 1e6;
  await expectText(page, 'cost-totals', `over the history: ¥${fmt(twice)}`);
  await expectText(page, 'cost-totals', 'session: ¥0.00');
  await openSettings(page);
  await page.getByTestId('prices').locator('summary').click();
  assert.equal(await page.getByTestId('price-image-0').inputValue(), '120');
  await openSettings(page);
  await page.getByTestId('price-reset').click();
  await expectText(page, 'cost-totals', `over the history: $${fmt(2 * each)}`);
  await page.context().close();
});

test('a model without a price says so; a task result without usage is marked estimated', async () => {
  const page = await open(env);
  await configure(page, env, { model: 'my-relay-model' });
  await page.getByTestId('prompt').fill('x');
  await expectText(page, 'cost-estimate', 'No price is set for my-relay-model');
  await openSettings(page);
  await page.getByTestId('prices').locator('summary').click();
  await page.getByTestId('price-add-model').click();
  await page.getByTestId('price-image-2').fill('10');
  await page.getByTestId('price-image-2').press('Tab');
  await expectText(page, 'cost-estimate', 'Estimated cost: $0.011');
  await configure(page, env, { preset: 'custom', dialect: 'task', auth: 'bearer', model: 'gemini-3.1-flash-image-preview' });
  await generate(page, 'a task banana');
  await Promise.race([
    page.getByTestId('result-image').first().waitFor({ timeout: 30000 }),
    page.getByTestId('error').waitFor({ state: 'visible', timeout: 30000 }).then(async () => assert.fail(await page.getByTestId('error').textContent())),
  ]);
  await details(page);
  await expectText(page, 'result-cost', 'estimated');
  assert.equal(money(await page.getByTestId('result-cost').first().textContent()), fmt(1120 * 60 / 1e6));
  await closeDetails(page);
  await page.context().close();
});

async function expectText(page, testid, text) {
  await page.waitForFunction(({ testid, text }) => [...document.querySelectorAll(`[data-testid=${testid}]`)].some((e) => e.textContent.includes(text)), { testid, text }, { timeout: 10000 })
    .catch(async () => assert.fail(`${testid} never showed "${text}": ${await page.getByTestId(testid).allTextContents()}`));
}

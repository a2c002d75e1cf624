// Beyond the peers (issue 17): permutation prompts, metadata that travels with the file, comparing
// models side by side.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate, openMore } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const generations = () => env.provider.requests.filter((r) => r.path.endsWith(':generateContent'));

test('permutation prompts: every combination is sent, counted and priced first, refused past 64', async () => {
  env.provider.reset();
  env.provider.setScenario('ok');
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await openMore(page);
  await page.getByTestId('batch').check();
  const estimate = page.getByTestId('cost-estimate');
  await page.getByTestId('prompt').fill('a {red, green} {fox, owl}\na \\{literal\\} {{big, small} cat, dog}');
  await page.waitForFunction(() => /^7 prompts: .*7 image\(s\)/.test(document.querySelector('[data-testid=cost-estimate]').textContent));
  await page.getByTestId('generate').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=cancel]') && document.querySelectorAll('[data-testid=result-image]').length >= 7, null, { timeout: 30000 });
  const sent = generations().map((g) => g.json.contents[0].parts[0].text).sort();
  assert.deepEqual(sent, ['a green fox', 'a green owl', 'a red fox', 'a red owl', 'a {literal} big cat', 'a {literal} dog', 'a {literal} small cat']);

  // Past the limit: the count is said before sending, and Generate sends nothing; the prompt stays.
  const before = generations().length;
  const tooMany = '{a,b,c,d} {e,f,g,h} {i,j,k,l,m}';
  await page.getByTestId('prompt').fill(tooMany);
  await page.waitForFunction(() => /80 prompts, more than the 64/.test(document.querySelector('[data-testid=cost-estimate]').textContent));
  await page.getByTestId('generate').click();
  await page.getByTestId('error').waitFor();
  assert.match(await page.getByTestId('error').innerText(), /makes 80 prompts, more than the 64 one click may send/);
  assert.equal(generations().length, before, 'nothing was sent');
  assert.equal(await page.getByTestId('prompt').inputValue(), tooMany);
  // A brace out of place names its line and where it is.
  await page.getByTestId('prompt').fill('fine\na {red, green');
  await page.getByTestId('generate').click();
  await page.waitForFunction(() => /never closed/.test(document.querySelector('[data-testid=error]').textContent));
  assert.match(await page.getByTestId('error').innerText(), /“a \{red, green”: .*character 3/);
  assert.equal(generations().length, before);
  // Outside a batch, braces are the prompt's own.
  await page.getByTestId('batch').uncheck();
  await generate(page, 'a {red, green} fox');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=result-image]').length > n, 7);
  assert.equal(generations().at(-1).json.contents[0].parts[0].text, 'a {red, green} fox');
  await page.context().close();
});

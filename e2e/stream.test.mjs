// Streaming: with drafts asked for, native answers stream and the model's interim image shows as a live
// preview; relays that do not stream get the plain request instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, configure, generate, openMore, watchPreviews, details } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('with drafts asked for, the answer streams and the draft shows before the final image', async () => {
  env.provider.reset();
  const page = await open(env);
  await configure(page, env, { preset: 'google' });
  await openMore(page);
  await page.getByTestId('include-thoughts').check();
  await watchPreviews(page);
  await generate(page, 'a streamed banana');
  await page.getByTestId('result-image').first().waitFor();
  const sent = env.provider.requests.filter((r) => /Content/.test(r.path));
  assert.equal(sent.length, 1);
  assert.match(sent[0].path, /:streamGenerateContent$/);
  assert.equal(sent[0].query.alt, 'sse');
  assert.equal(sent[0].json.generationConfig.thinkingConfig.includeThoughts, true);
  const previews = await page.evaluate(() => window.__previews);
  assert.equal(previews.length, 1, 'the draft was shown');
  assert.ok(previews[0].startsWith('blob:'));
  // The final image replaces it; the draft is not kept as a result.
  assert.equal(await page.getByTestId('preview').count(), 0);
  assert.equal(await page.getByTestId('result-image').count(), 1);
  assert.match(await (await details(page)).getByTestId('result-caption').innerText(), /Here is your 1024×1024 image\./);
  await page.context().close();
});

test('a relay that does not stream gets the plain request, and the image arrives', async () => {
  env.provider.reset();
  env.provider.setScenario('no-stream');
  try {
    const page = await open(env);
    await configure(page, env, { preset: 'google' });
    await openMore(page);
    await page.getByTestId('include-thoughts').check();
    await generate(page, 'a banana without streaming');
    await page.getByTestId('result-image').first().waitFor();
    const paths = env.provider.requests.filter((r) => /Content/.test(r.path)).map((r) => r.path.split(':').pop());
    assert.deepEqual(paths, ['streamGenerateContent', 'generateContent']);
    assert.ok(await page.getByTestId('error').isHidden());
    await page.context().close();
  } finally {
    env.provider.setScenario(null);
  }
});

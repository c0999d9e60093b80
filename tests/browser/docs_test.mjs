// /docs and /redoc in headless Chromium on a machine without internet (every request that is
// not to the server is aborted): by default the pages keep loading the UIs from the CDN, as the
// originals do, and must say so with a link to /openapi.json instead of staying blank; with
// --docs.assets-dir pointing at npm's swagger-ui-dist, Swagger UI renders from the server alone.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { allowOnly, artifactsDir, depsDir, fixturesDir, launchBrowser, startServer, withCleanup } from './lib.mjs';

const shot = (name) => ({ path: path.join(artifactsDir, name), fullPage: true });

async function offlinePage(browser, server, route) {
  const context = await browser.newContext();
  const blocked = await allowOnly(context, server.url);
  const page = await context.newPage();
  await page.goto(server.url + route);
  return { context, page, blocked };
}

async function fallbackIsVisible(browser, server, route, artifact) {
  const { context, page, blocked } = await offlinePage(browser, server, route);
  const notice = page.locator('#docs-fallback');
  await notice.locator('text=could not be loaded').waitFor({ timeout: 15000 });
  assert.ok(await notice.isVisible(), `${route}: the notice is visible`);
  const link = notice.locator('a[href="/openapi.json"]');
  assert.ok(await link.isVisible(), `${route}: the notice links /openapi.json`);
  assert.ok(blocked.some((u) => new URL(u).hostname === 'cdn.jsdelivr.net'),
    `${route}: the UI still comes from the CDN by default (blocked: ${blocked})`);
  await page.screenshot(shot(artifact));
  await context.close();
}

async function localSwaggerRenders(browser, server) {
  const { context, page, blocked } = await offlinePage(browser, server, '/docs');
  await page.locator('.opblock-summary-path', { hasText: '/gpu/stats' }).first()
    .waitFor({ timeout: 20000 });
  assert.equal(await page.locator('#docs-fallback').count(), 0, 'the notice is gone');
  assert.deepEqual(blocked, [], 'nothing was asked of other hosts');
  await page.screenshot(shot('docs-local-assets.png'));
  await context.close();
}

await withCleanup(async (cleanup) => {
  const browser = await launchBrowser();
  cleanup(() => browser.close());
  const replay = ['--replay', path.join(fixturesDir, 'synthetic-8x-h100__590.48.01')];
  const cdn = await startServer(replay);
  cleanup(() => cdn.stop());
  await fallbackIsVisible(browser, cdn, '/docs', 'docs-offline.png');
  await fallbackIsVisible(browser, cdn, '/redoc', 'redoc-offline.png');
  const local = await startServer(
    [...replay, '--docs.assets-dir', path.join(depsDir, 'swagger-ui-dist')]);
  cleanup(() => local.stop());
  await localSwaggerRenders(browser, local);
});

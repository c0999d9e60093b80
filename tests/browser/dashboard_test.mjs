// The dashboard (/ui, and / for browsers) in headless Chromium against the real smistat and
// nvidia-smi-replay: one card per recorded GPU, values that move when the replayer varies them,
// lost GPUs, other nodes, recent XID errors, the pod holding each GPU, an API key, and no request to anywhere but the
// server. Screenshots go to <build>/test-artifacts/.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  allowOnly, artifactsDir, fixturesDir, gpuCount, launchBrowser, startServer, step, withCleanup,
} from './lib.mjs';

const fixture = 'synthetic-8x-h100__590.48.01';
const gpus = gpuCount(fixture);
const replay = ['--replay', path.join(fixturesDir, fixture)];
const localCards = '.card[data-node="local"]';
const shot = (name) => ({ path: path.join(artifactsDir, name), fullPage: true });

/** A fresh context that may talk to `server` only; returns the page and what was blocked. */
async function openPage(browser, server, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const blocked = await allowOnly(context, server.url);
  const page = await context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  return { context, page, blocked, requested };
}

async function cardValues(page) {
  return page.$$eval(`${localCards} .metric .value`, (els) => els.map((e) => e.textContent));
}

async function liveCardsUpdate(browser, server) {
  const { context, page, blocked, requested } = await openPage(browser, server);
  await page.goto(server.url + '/ui');
  await page.waitForFunction(
    ({ sel, n }) => document.querySelectorAll(sel).length === n &&
      [...document.querySelectorAll(sel + ' [data-field="util"] .value')].every((v) => v.textContent !== '—'),
    { sel: localCards, n: gpus }, { timeout: 20000 });
  const indices = await page.$$eval(localCards, (cs) => cs.map((c) => Number(c.dataset.gpuIndex)));
  assert.deepEqual(indices, [...Array(gpus).keys()], 'one card per GPU, in index order');

  const before = await cardValues(page);
  await page.waitForFunction(
    ({ sel, old }) => [...document.querySelectorAll(sel)].some((v, i) => v.textContent !== old[i]),
    { sel: `${localCards} .metric .value`, old: before }, { timeout: 30000 });
  assert.equal(await page.$eval('#status', (s) => s.dataset.state), 'live');

  await page.screenshot(shot('dashboard.png'));
  await page.emulateMedia({ colorScheme: 'dark' });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, 'rgb(245, 246, 248)', 'dark scheme changes the page colours');
  await page.screenshot(shot('dashboard-dark.png'));

  await page.setViewportSize({ width: 390, height: 844 });
  const lefts = await page.$$eval(localCards, (cs) => cs.map((c) => c.getBoundingClientRect().left));
  assert.equal(new Set(lefts).size, 1, 'one column on a phone');
  await page.screenshot(shot('dashboard-phone.png'));

  assert.deepEqual(blocked, [], 'no request leaves the machine');
  for (const url of requested) assert.equal(new URL(url).origin, server.url, url);
  await context.close();
}

async function rootServesBrowsersThePage(browser, server) {
  const asJson = await fetch(server.url + '/', { headers: { accept: '*/*' } });
  assert.equal(asJson.headers.get('content-type'), 'application/json');
  assert.equal((await asJson.json()).message, 'GPU Statistics Server');
  const { context, page } = await openPage(browser, server);
  await page.goto(server.url + '/');
  await page.waitForFunction((n) => document.querySelectorAll('.card').length === n, gpus);
  await context.close();
}

/** /cluster_status answered by a stub: this node, one agent, one unreachable agent. */
async function otherNodesGetSections(browser, server) {
  const self = (await (await fetch(server.url + '/gpu')).json()).system_info.hostname;
  const agent = {
    hostname: 'node02',
    gpus: [{ type: 'GeForce GTX 1080 Ti', is_available: false, pids: '19028', users: 'alice',
      running_since: '2 days ago', utilization: 37, clock_mhz: 1480, temperature: null,
      memory: { total: 11811160064, free: 2147483648, used: 9663676416 }, cmd: 'jupyter' }],
  };
  const { context, page } = await openPage(browser, server);
  await page.route('**/cluster_status', (route) => route.fulfill({
    json: [{ hostname: self, gpus: [] }, agent, { error: 'Host not available' }] }));
  await page.goto(server.url + '/ui');
  await page.waitForSelector('.card[data-node="agent-1"]');
  await page.waitForSelector('.card[data-node="agent-2"]');
  assert.equal(await page.locator(localCards).count(), gpus, 'this node stays live');
  const remote = page.locator('.card[data-node="agent-1"]');
  assert.equal(await remote.locator('[data-field="temp"] .value').textContent(), '—');
  assert.equal(await remote.locator('[data-field="util"] .value').textContent(), '37 %');
  assert.match(await page.locator('.card[data-node="agent-2"]').textContent(), /Host not available/);
  await page.screenshot(shot('dashboard-cluster.png'));
  await context.close();
}

/** No recording throttles, so the stream is stubbed with a real /gpu body whose GPU 0 reports
 *  SwPowerCap and HwThermalSlowdown (0x44). */
async function throttlingIsVisible(browser, server) {
  const body = await (await fetch(server.url + '/gpu')).json();
  body.gpus[0].throttling = { reasons: 0x44, is_throttled: true, bottlenecks: [] };
  const { context, page } = await openPage(browser, server);
  await page.route('**/gpu/stream', (route) => route.fulfill({
    contentType: 'text/event-stream', body: `data: ${JSON.stringify(body)}\n\n` }));
  await page.goto(server.url + '/ui');
  const card = page.locator('.card[data-gpu-index="0"]');
  await card.locator('.badge', { hasText: 'hw thermal' }).waitFor({ timeout: 20000 });
  assert.deepEqual(await card.locator('.badge').allTextContents(), ['power cap', 'hw thermal']);
  assert.match(await card.getAttribute('class'), /\bthrottled\b/);
  assert.equal(await page.locator('.card[data-gpu-index="1"] .badge').count(), 0);
  await context.close();
}

async function lostGpuIsShown(browser) {
  const server = await startServer(replay, { NVIDIA_SMI_REPLAY_FAULT: 'lost:1' });
  try {
    const { context, page } = await openPage(browser, server, { colorScheme: 'dark' });
    await page.goto(server.url + '/ui');
    const lost = page.locator('.card[data-gpu-index="1"]');
    await lost.locator('.pill', { hasText: 'lost' }).waitFor({ timeout: 20000 });
    assert.deepEqual(await lost.locator('.metric .value').allTextContents(), ['—', '—', '—', '—'],
      'a lost GPU shows no numbers');
    assert.match(await lost.locator('.message').textContent(), /GPU is lost/);
    assert.equal(await page.locator(localCards).count(), gpus);
    await page.screenshot(shot('dashboard-lost-gpu.png'));
    await context.close();
  } finally {
    await server.stop();
  }
}

/** The kernel log's form of nvidia-smi's bus id: 00000000:18:00.0 is 0000:18:00. */
function kernelPciAddress(busId) {
  return busId.slice(4, 14).toLowerCase();
}

/** Real XID reports through a FIFO `--xid.source`: GPU 0's card lists them with the process the
 *  driver named, a GPU without reports lists none, and a process name that looks like markup
 *  stays text. */
async function recentXidsAreShown(browser) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smistat-xid-'));
  const fifo = path.join(dir, 'kmsg');
  execFileSync('mkfifo', [fifo]);
  const server = await startServer([...replay, '--xid.source', fifo]);
  try {
    const { context, page } = await openPage(browser, server);
    await page.goto(server.url + '/ui');
    await page.waitForFunction((n) => document.querySelectorAll('.card').length === n, gpus);
    assert.equal(await page.locator('.xids li').count(), 0, 'no XID read yet, none shown');

    // Each GPU's bus id as nvidia-smi reports it, from dcgm-exporter's pci_bus_id label.
    const metrics = await (await fetch(server.url + '/metrics')).text();
    const busOf = (gpu) => new RegExp(`DCGM_FI_DEV_GPU_UTIL\\{gpu="${gpu}",[^}]*pci_bus_id="([^"]+)"`)
      .exec(metrics)[1];
    // Opening the FIFO for writing waits for smistat's reader; each write is one report.
    await writeFile(fifo, `NVRM: Xid (PCI:${kernelPciAddress(busOf(0))}): 79, pid=4242, ` +
      'name=python3, GPU has fallen off the bus.\n');
    await writeFile(fifo, `NVRM: Xid (PCI:${kernelPciAddress(busOf(1))}): 13, pid=77, ` +
      'name=<b>bold</b>, Graphics SM Warp Exception\n');

    const gpu0 = page.locator('.card[data-gpu-index="0"] .xids li');
    await gpu0.first().waitFor({ timeout: 20000 });
    assert.equal(await gpu0.count(), 1);
    assert.equal(await gpu0.locator('.xid-code').textContent(), 'XID 79');
    assert.equal(await gpu0.locator('.xid-meaning').textContent(), 'GPU has fallen off the bus.');
    assert.equal(await gpu0.locator('.xid-process').textContent(), 'pid 4242 python3');
    assert.match(await gpu0.locator('.xid-time').textContent(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    const gpu1 = page.locator('.card[data-gpu-index="1"] .xids li');
    await gpu1.first().waitFor({ timeout: 20000 });
    assert.equal(await gpu1.locator('.xid-process').textContent(), 'pid 77 <b>bold</b>',
      'a process name from the kernel log is shown as text');
    assert.equal(await page.locator('.card .xids b').count(), 0, 'and never becomes markup');

    for (let i = 2; i < gpus; ++i) {
      const none = page.locator(`.card[data-gpu-index="${i}"] .xids`);
      assert.equal(await none.locator('li').count(), 0, `GPU ${i} has no XID`);
      assert.equal(await none.isVisible(), false, `GPU ${i} shows no XID box`);
    }
    await page.screenshot(shot('dashboard-xid.png'));
    await context.close();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when smistat was built with gRPC (CMake says so through the environment) and Debian's
 *  python3 can run the fake kubelet (python3-grpcio). */
function kubeletCanBeFaked() {
  if (process.env.SMISTAT_HAS_KUBERNETES !== 'ON') return false;
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import grpc'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Waits (at most 20 s) for a unix socket to appear. */
async function socketAppears(file) {
  for (let i = 0; i < 200 && !existsSync(file); ++i) await new Promise((r) => setTimeout(r, 100));
  assert.ok(existsSync(file), `the fake kubelet did not create ${file}`);
}

/** With --kubernetes against the fake kubelet (tests/kubernetes/fake_kubelet.py, scenario
 *  `uuid`: GPUs 0 and 1 to ml/train-0's trainer, GPU 3 to ml/infer-0's server), each held GPU's
 *  card names its pod and container and a free GPU's names none. */
async function podsAreShown(browser) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smistat-kubelet-'));
  const socket = path.join(dir, 'kubelet.sock');
  const kubelet = spawn('/usr/bin/python3',
    [path.join(fixturesDir, '..', 'tests', 'kubernetes', 'fake_kubelet.py'), socket, 'uuid'],
    { stdio: 'ignore' });
  let server = null;
  try {
    await socketAppears(socket);
    server = await startServer([...replay, '--kubernetes', '--kubernetes.pod-resources-socket',
      socket, '--kubernetes.interval', '1']);
    const { context, page } = await openPage(browser, server);
    await page.goto(server.url + '/ui');
    const holder = (i) => page.locator(`.card[data-gpu-index="${i}"] .holder`);
    await holder(3).locator('.holder-pod').waitFor({ timeout: 20000 });
    assert.equal(await holder(3).locator('.holder-pod').textContent(), 'ml/infer-0');
    assert.equal(await holder(3).locator('.holder-container').textContent(), 'server');
    for (const i of [0, 1]) {
      assert.equal(await holder(i).locator('.holder-pod').textContent(), 'ml/train-0', `GPU ${i}`);
      assert.equal(await holder(i).locator('.holder-container').textContent(), 'trainer');
      assert.equal(await holder(i).locator('.holder-shared').count(), 0, 'one holder: not shared');
    }
    for (let i = 4; i < gpus; ++i) {
      assert.equal(await holder(i).locator('span').count(), 0, `GPU ${i} is held by no pod`);
      assert.equal(await holder(i).isVisible(), false, `GPU ${i} shows no pod line`);
    }
    assert.equal(await holder(2).isVisible(), false, 'GPU 2 is held by no pod');
    await page.screenshot(shot('dashboard-pods.png'));
    await context.close();
  } finally {
    if (server) await server.stop();
    kubelet.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function apiKeyIsAskedFor(browser) {
  const server = await startServer([...replay, '--api-key', 'k3y']);
  try {
    const { context, page } = await openPage(browser, server);
    await page.goto(server.url + '/ui');
    await page.locator('#key-form').waitFor({ state: 'visible', timeout: 20000 });
    await page.fill('#key-input', 'k3y');
    await page.click('#key-form button');
    await page.waitForFunction(() => document.getElementById('status').dataset.state === 'live');
    assert.equal(await page.locator('#key-form').isVisible(), false);
    await context.close();
  } finally {
    await server.stop();
  }
}

await withCleanup(async (cleanup) => {
  step('launching Chromium');
  const browser = await launchBrowser();
  cleanup(() => browser.close());
  step('starting smistat');
  const server = await startServer(replay, { NVIDIA_SMI_REPLAY_VARY: '1' });
  cleanup(() => server.stop());
  step('liveCardsUpdate');
  await liveCardsUpdate(browser, server);
  step('rootServesBrowsersThePage');
  await rootServesBrowsersThePage(browser, server);
  step('otherNodesGetSections');
  await otherNodesGetSections(browser, server);
  step('throttlingIsVisible');
  await throttlingIsVisible(browser, server);
  step('lostGpuIsShown');
  await lostGpuIsShown(browser);
  step('recentXidsAreShown');
  await recentXidsAreShown(browser);
  if (kubeletCanBeFaked()) {
    step('podsAreShown');
    await podsAreShown(browser);
  } else {
    step('podsAreShown: skipped (smistat built without gRPC, or no python3-grpcio)');
  }
  step('apiKeyIsAskedFor');
  await apiKeyIsAskedFor(browser);
});

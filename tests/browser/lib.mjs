// What the browser tests share: starting the real smistat, launching Debian's Chromium through
// playwright-core, and recording every request a page makes.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this through tests/browser/run.sh`);
  return value;
};

export const binDir = env('SMISTAT_BIN_DIR');
export const fixturesDir = env('SMISTAT_FIXTURES_DIR');
export const artifactsDir = env('SMISTAT_ARTIFACTS_DIR');
const require = createRequire(path.join(env('SMISTAT_BROWSER_DEPS'), 'package.json'));
export const { chromium } = require('playwright-core');
export const depsDir = path.join(env('SMISTAT_BROWSER_DEPS'), 'node_modules');

/** How many GPUs a recorded machine has (one `GPU n: ...` line each in `nvidia-smi -L`). */
export function gpuCount(fixture) {
  const text = readFileSync(path.join(fixturesDir, fixture, 'list-gpus.txt'), 'utf8');
  return text.split('\n').filter((line) => line.startsWith('GPU ')).length;
}

/** Starts `smistat serve` on a free port; resolves once it logs where it listens. */
export function startServer(args, extraEnv = {}) {
  const proc = spawn(path.join(binDir, 'smistat'),
    ['serve', '--host', '127.0.0.1', '--port', '0', '--no-access-log', ...args],
    { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const failed = (why) => reject(new Error(`smistat ${why}:\n${log}`));
    const timer = setTimeout(() => failed('did not report its port within 20 s'), 20000);
    const early = (code) => failed(`exited with ${code} during start-up`);
    proc.on('exit', early);
    let started = false;
    proc.stderr.on('data', (chunk) => {
      log += chunk; // read to the end, so a chatty server never blocks on a full pipe
      const m = /listening on http:\/\/[^\s:]+:(\d+)/.exec(log);
      if (started || !m) return;
      started = true;
      clearTimeout(timer);
      proc.off('exit', early);
      resolve({ url: `http://127.0.0.1:${m[1]}`, stop: () => stop(proc), log: () => log });
    });
  });
}

/** SIGTERM, so smistat ends its own nvidia-smi runs; SIGKILL if it does not exit. */
function stop(proc) {
  if (proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), 10000);
    proc.on('exit', () => { clearTimeout(kill); resolve(); });
    proc.kill('SIGTERM');
  });
}

export function launchBrowser() {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: process.env.SMISTAT_CHROMIUM, args: ['--no-sandbox'] });
}

/** Lets a context reach `origin` only; every other request is aborted and recorded. */
export async function allowOnly(context, origin) {
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return blocked;
}

/** Prints what the test is doing, so a failure or a hang shows where. */
export function step(text) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);
}

/** Runs `body`, then stops every server and the browser whatever happened. */
export async function withCleanup(body) {
  const cleanups = [];
  let failed = false;
  try {
    await body((fn) => cleanups.push(fn));
  } catch (e) {
    failed = true;
    console.error(e);
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
  }
  if (failed) process.exit(1);
  console.log('ok');
}

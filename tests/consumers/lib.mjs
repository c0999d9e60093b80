// Shared by the npm consumer tests: the recorded machines, an nvidia-smi (and lspci) on PATH that
// replay one of them, and readers of the recorded files the consumers' answers are checked against.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run through tests/consumers/run.sh)`);
  return value;
}

export const fixturesDir = env('SMISTAT_FIXTURES_DIR');
export const requireDep = createRequire(path.join(env('SMISTAT_CONSUMER_DEPS'), 'package.json'));

/** Every machine folder with a query-gpu CSV (recorded, or derived from a recorded -q -x under
 *  from-xml/), and its states, sorted. */
export function recordings() {
  const out = [];
  for (const base of ['', 'from-xml']) {
    for (const name of readdirSync(path.join(fixturesDir, base)).sort()) {
      for (const state of ['idle', 'load']) {
        const dir = path.join(fixturesDir, base, name);
        if (existsSync(path.join(dir, `query-gpu.${state}.csv`)))
          out.push({ name: path.join(base, name), dir, state });
      }
    }
  }
  return out;
}

/** Puts a new directory first on PATH (for this process and what it spawns) holding
 *  `nvidia-smi`, which replays the recording `replay` last named, and `lspci`, which prints what
 *  `setLspci` last gave it. Both read files in the directory rather than the environment, which
 *  some consumers copy once when they load (systeminformation does): call this before loading
 *  the consumer. */
let shims = '';
export function installShims() {
  shims = mkdtempSync(path.join(os.tmpdir(), 'smistat-consumer-'));
  const replayer = path.join(env('SMISTAT_BIN_DIR'), 'nvidia-smi-replay');
  writeFileSync(path.join(shims, 'replay.env'), '');
  writeFileSync(path.join(shims, 'lspci.txt'), '');
  writeFileSync(path.join(shims, 'nvidia-smi'),
    `#!/bin/sh\n. "${shims}/replay.env"\nexec "${replayer}" "$@"\n`, { mode: 0o755 });
  writeFileSync(path.join(shims, 'lspci'), `#!/bin/sh\nexec cat "${shims}/lspci.txt"\n`, { mode: 0o755 });
  process.env.PATH = `${shims}:${process.env.PATH}`;
}

/** What the fake `lspci` prints from now on. */
export function setLspci(text) {
  writeFileSync(path.join(shims, 'lspci.txt'), text);
}

/** Makes the `nvidia-smi` shim replay one recording. */
export function replay(recording) {
  writeFileSync(path.join(shims, 'replay.env'),
    `export NVIDIA_SMI_REPLAY_DIR='${recording.dir}' NVIDIA_SMI_REPLAY_STATE='${recording.state}'\n`);
}

/** The recorded query-gpu CSV as one object per GPU: field name (without ` [unit]`) -> cell. */
export function recordedQuery(recording) {
  const text = readFileSync(path.join(recording.dir, `query-gpu.${recording.state}.csv`), 'utf8');
  const [header, ...rows] = text.split('\n').filter(Boolean);
  const names = header.split(', ').map((h) => h.replace(/ \[.*\]$/, ''));
  return rows.map((row) => Object.fromEntries(row.split(', ').map((cell, i) => [names[i], cell])));
}

/** The recorded `-q` text: `head` (the lines above the first GPU) and per GPU its labels by
 *  path (`Product Name`, `FB Memory Usage/Total`, `GPU Power Readings/Current Power Limit`). */
export function recordedDetails(recording) {
  const file = path.join(recording.dir, `q.${recording.state}.txt`);
  if (!existsSync(file)) return null;
  const head = {};
  const gpus = [];
  let current = head;
  const parents = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('GPU 0')) {
      current = { 'Bus Id': line.slice(4) };
      gpus.push(current);
      continue;
    }
    const match = /^( *)(\S.*?)\s*(?::\s(.*))?$/.exec(line);
    if (!match) continue;
    const level = Math.max(0, match[1].length / 4 - 1);
    parents.length = level;
    const key = [...parents, match[2]].join('/');
    parents.push(match[2]);
    if (match[3] !== undefined && !(key in current)) current[key] = match[3];
  }
  return { head, gpus };
}

/** A check that names the machine and field when it fails, and counts what it compared. */
export class Checker {
  constructor() {
    this.failures = [];
    this.compared = 0;
  }
  equal(where, got, expected) {
    this.compared += 1;
    if (got !== expected)
      this.failures.push(`${where}: got ${JSON.stringify(got)}, recorded ${JSON.stringify(expected)}`);
  }
  fail(where, message) {
    this.failures.push(`${where}: ${message}`);
  }
  finish(name) {
    if (this.failures.length) {
      console.error(this.failures.join('\n'));
      console.error(`${name}: ${this.failures.length} mismatches of ${this.compared} values`);
      process.exit(1);
    }
    if (this.compared === 0) {
      console.error(`${name}: nothing was compared`);
      process.exit(1);
    }
    console.log(`${name}: ${this.compared} values match the recordings`);
  }
}

'use strict';
// smistat dashboard: one card per GPU, kept live by /gpu/stream, with sparklines seeded from
// /gpu/history. It talks to this server only (the page's Content-Security-Policy enforces it).
//
// Where each fact comes from:
//   /gpu, then /gpu/stream   live values, throttle reasons, processes (GPU Metrics API; it
//                            prints an unknown value as 0 and leaves a lost GPU out)
//   /api/v1/gpu/devices      which GPUs are lost and which values are unknown (null there), so
//                            the page shows "—" instead of the 0 above
//   /gpu/history             past values for the sparklines (null = unknown); optional
//   /health                  recent XID errors with pid and process name (dashboard_xid.js),
//                            and with --kubernetes the pod holding each GPU (dashboard_owner.js)
//   /cluster_status          other nodes, when this server aggregates agents; optional

const API_PREFIX = document.querySelector('meta[name="smistat-api-prefix"]')?.content ?? '';
const KEY_STORAGE = 'smistat.apiKey';
const SPARK_POINTS = 120;
const DEVICES_EVERY_MS = 5000;
const CLUSTER_EVERY_MS = 10000;
const STALE_AFTER_MS = 10000;
const DASH = '—';

// Clock-event reason bits (nvidia-smi clocks_event_reasons); `warn` marks real slowdowns.
const THROTTLE_REASONS = [
  [0x2, 'app clocks', false], [0x4, 'power cap', true], [0x8, 'hw slowdown', true],
  [0x10, 'sync boost', false], [0x20, 'sw thermal', true], [0x40, 'hw thermal', true],
  [0x80, 'power brake', true], [0x100, 'display clock', false],
];

const $ = (id) => document.getElementById(id);
const state = {
  key: null,
  hostname: null,
  gpus: new Map(), // index -> gpu record (see gpuRecord)
  remote: new Map(), // node key -> section element
  lastFrameAt: 0,
  stream: null,
};

// ---- requests ----------------------------------------------------------------------------

function apiPath(path) { return API_PREFIX + path; }

async function getJson(path) {
  const headers = state.key ? { 'X-API-Key': state.key } : {};
  try {
    const res = await fetch(apiPath(path), { headers, cache: 'no-store' });
    const body = res.ok ? await res.json() : null;
    return { status: res.status, body };
  } catch (e) {
    return { status: 0, body: null };
  }
}

// ---- formatting: null (unknown) is always "—", never 0 ---------------------------------

function known(v) { return v !== null && v !== undefined && Number.isFinite(v); }
function fixed(v, digits) { return known(v) ? v.toFixed(digits) : DASH; }
function mib(v) {
  if (!known(v)) return DASH;
  return v >= 1024 ? (v / 1024).toFixed(1) + ' GiB' : Math.round(v) + ' MiB';
}
/** The memory value and its label: the total goes to the label, so the value stays short. */
function setMemory(card, used, total, hot) {
  card.querySelector('.metric[data-field="mem"] .label').textContent =
    known(total) ? 'Memory · ' + mib(total) : 'Memory';
  setMetric(card, 'mem', mib(used), known(used) && total ? used / total : null, hot);
}
function bytesAsMib(v) { return known(v) ? v / 1048576 : null; }

// ---- the local node's GPUs -----------------------------------------------------------------

function gpuRecord(index, name) {
  let g = state.gpus.get(index);
  if (!g) {
    g = {
      index, name: name || '', live: null, lost: null, unknown: new Set(), memTotal: null, xids: [],
      uuid: null, holder: null,
      series: { util: [], mem: [], temp: [], power: [] },
    };
    state.gpus.set(index, g);
  }
  if (name) g.name = name;
  return g;
}

function pushPoint(list, value) {
  list.push(known(value) ? value : null);
  if (list.length > SPARK_POINTS) list.splice(0, list.length - SPARK_POINTS);
}

/** One /gpu body, from the first request or a stream event. */
function applyFrame(body) {
  if (!body || typeof body !== 'object') return;
  if (body.status === 'error' && body.error) {
    showBanner('The server could not read the GPUs: ' + body.error);
    return;
  }
  showBanner(body.status === 'error' ? 'nvidia-smi is not answering; showing what is known.' : '');
  showHost(body.system_info || {});
  for (const raw of body.gpus || []) {
    const g = gpuRecord(raw.id, raw.name);
    g.live = raw;
    g.memTotal = raw.memory?.total_mb ?? g.memTotal;
    pushPoint(g.series.util, g.unknown.has('util') ? null : raw.utilization?.gpu_percent);
    pushPoint(g.series.mem, g.unknown.has('mem') ? null : raw.memory?.used_mb);
    pushPoint(g.series.temp, g.unknown.has('temp') ? null : raw.temperature_celsius);
    pushPoint(g.series.power, g.unknown.has('power') ? null : raw.power?.usage_watts);
  }
  state.lastFrameAt = Date.now();
  renderLocal();
}

function showHost(info) {
  if (info.hostname) {
    state.hostname = info.hostname;
    $('host').textContent = info.hostname;
    document.title = info.hostname + ' · GPUs';
  }
  const facts = [];
  if (info.driver_version) facts.push('driver ' + info.driver_version);
  if (info.cuda_version) facts.push('CUDA ' + info.cuda_version);
  $('facts').textContent = facts.join(' · ');
}

/** The sparklines' past: the server's history when it keeps one, else the stream's own. */
async function seedHistory() {
  const { status, body } = await getJson('/gpu/history');
  if (status !== 200 || !body || !Array.isArray(body.gpus)) {
    $('history-source').textContent = 'sparklines: since this page opened';
    return;
  }
  for (const h of body.gpus) {
    const g = gpuRecord(h.index, h.name);
    g.memTotal = h.memory_total_mb ?? g.memTotal;
    if (typeof h.uuid === 'string') g.uuid = h.uuid;
    const take = (list) => (Array.isArray(list) ? list.slice(-SPARK_POINTS) : []);
    // History first, then whatever the stream already added.
    g.series.util = take(h.utilization_percent).concat(g.series.util).slice(-SPARK_POINTS);
    g.series.mem = take(h.memory_used_mb).concat(g.series.mem).slice(-SPARK_POINTS);
    g.series.temp = take(h.temperature_c).concat(g.series.temp).slice(-SPARK_POINTS);
    g.series.power = take(h.power_w).concat(g.series.power).slice(-SPARK_POINTS);
    // The GPU Metrics API prints an unknown power draw as 0.0; the history says null.
    const power = take(h.power_w);
    if (power.length && power[power.length - 1] === null) g.unknown.add('power');
  }
  $('history-source').textContent = 'sparklines: server history + live';
  renderLocal();
}

/** Lost GPUs and unknown values, which /gpu cannot express. */
async function pollDevices() {
  const { status, body } = await getJson('/api/v1/gpu/devices');
  if (status === 200 && body && Array.isArray(body.devices)) {
    for (const d of body.devices) {
      // A lost GPU has no name of its own there ("Unknown"): keep the one seen before.
      const g = gpuRecord(d.index, d.is_available === false ? null : d.name);
      g.lost = d.is_available === false ? (d.error_message || 'GPU lost') : null;
      const power = g.unknown.has('power');
      g.unknown = new Set();
      if (power) g.unknown.add('power');
      if (d.utilization_percent === null) g.unknown.add('util');
      if (d.used_memory_mb === null || d.total_memory_mb === null) g.unknown.add('mem');
      if (d.temperature_c === null) g.unknown.add('temp');
    }
    renderLocal();
  }
  setTimeout(pollDevices, DEVICES_EVERY_MS);
}

// ---- cards ---------------------------------------------------------------------------------

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

const METRICS = [
  ['util', 'Utilization'], ['mem', 'Memory'], ['temp', 'Temperature'], ['power', 'Power'],
];

/** An empty card; `sparks` adds a sparkline under each metric. */
function makeCard(node, index, sparks) {
  const card = el('article', 'card');
  card.dataset.node = node;
  card.dataset.gpuIndex = String(index);
  const head = el('header');
  head.append(el('span', 'gpu-id'), el('span', 'gpu-name'), el('span', 'pill'));
  const metrics = el('div', 'metrics');
  for (const [key, label] of METRICS) {
    const m = el('div', 'metric');
    m.dataset.field = key;
    m.append(el('span', 'label', label), el('span', 'value', DASH));
    const meter = el('div', 'meter');
    meter.append(el('span'));
    m.append(meter);
    if (sparks) {
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('class', 'spark');
      svg.setAttribute('viewBox', '0 0 100 26');
      svg.setAttribute('preserveAspectRatio', 'none');
      svg.setAttribute('aria-hidden', 'true');
      svg.append(document.createElementNS('http://www.w3.org/2000/svg', 'path'));
      m.append(svg);
    }
    metrics.append(m);
  }
  card.append(head, el('p', 'holder'), el('div', 'badges'), el('ul', 'xids'), metrics, el('div', 'details'),
    el('ul', 'procs'), el('p', 'message'));
  return card;
}

function setMetric(card, key, text, fraction, hot) {
  const m = card.querySelector(`.metric[data-field="${key}"]`);
  m.querySelector('.value').textContent = text;
  const meter = m.querySelector('.meter');
  const width = known(fraction) ? Math.max(0, Math.min(1, fraction)) * 100 : 0;
  meter.firstChild.style.width = width + '%';
  meter.classList.toggle('hot', Boolean(hot));
}

/** A sparkline path over `values` scaled to [0, max]; a null leaves a gap. */
function setSpark(card, key, values, max) {
  const path = card.querySelector(`.metric[data-field="${key}"] .spark path`);
  if (!path) return;
  const top = known(max) && max > 0 ? max : Math.max(1, ...values.filter(known));
  // The points span the whole width however many there are yet (a sparkline shows the shape).
  const step = 100 / Math.max(1, values.length - 1);
  let d = '';
  let pen = 'M';
  values.forEach((v, i) => {
    if (!known(v)) { pen = 'M'; return; }
    const x = i * step;
    const y = 25 - (Math.max(0, Math.min(v, top)) / top) * 24;
    d += `${pen}${x.toFixed(1)} ${y.toFixed(1)}`;
    pen = 'L';
  });
  path.setAttribute('d', d);
}

function setHeader(card, id, name, pillText, pillState) {
  card.querySelector('.gpu-id').textContent = id;
  const n = card.querySelector('.gpu-name');
  n.textContent = name;
  n.title = name;
  const pill = card.querySelector('.pill');
  pill.textContent = pillText;
  pill.dataset.state = pillState;
}

function setBadges(card, reasons) {
  const box = card.querySelector('.badges');
  box.replaceChildren();
  let throttled = false;
  for (const [bit, label, warn] of THROTTLE_REASONS) {
    if (!(reasons & bit)) continue;
    const b = el('span', 'badge' + (warn ? ' warn' : ''), label);
    b.title = 'clock event reason 0x' + bit.toString(16);
    box.append(b);
    throttled = throttled || warn;
  }
  card.classList.toggle('throttled', throttled);
}

function setProcesses(card, procs) {
  const list = card.querySelector('.procs');
  list.replaceChildren();
  for (const p of (procs || []).slice(0, 3)) {
    const li = el('li');
    const who = p.username ? ` (${p.username})` : '';
    li.append(el('span', 'pname', (p.name || 'pid ' + p.pid) + who), el('span', 'pmem', mib(p.memory_mb)));
    list.append(li);
  }
}

function renderLocalCard(card, g) {
  const raw = g.lost ? null : g.live;
  const unknown = (key) => g.unknown.has(key) || !raw;
  const state_ = g.lost ? 'lost' : raw ? raw.status || 'idle' : 'waiting';
  setHeader(card, 'GPU ' + g.index, g.name, state_, state_);
  card.classList.toggle('lost', Boolean(g.lost));
  const util = unknown('util') ? null : raw.utilization?.gpu_percent;
  setMetric(card, 'util', known(util) ? util + ' %' : DASH, known(util) ? util / 100 : null);
  const used = unknown('mem') ? null : raw.memory?.used_mb;
  const total = g.memTotal;
  setMemory(card, used, total, known(used) && total && used / total > 0.9);
  const temp = unknown('temp') ? null : raw.temperature_celsius;
  setMetric(card, 'temp', known(temp) ? temp + ' °C' : DASH, known(temp) ? temp / 100 : null,
    known(temp) && temp >= 85);
  const power = unknown('power') ? null : raw.power?.usage_watts;
  const limit = raw && raw.power?.limit_watts > 0 ? raw.power.limit_watts / 1000 : null; // mW
  setMetric(card, 'power', known(power) ? `${fixed(power, 0)} / ${fixed(limit, 0)} W` : DASH,
    known(power) && limit ? power / limit : null);
  setSpark(card, 'util', g.series.util, 100);
  setSpark(card, 'mem', g.series.mem, total);
  setSpark(card, 'temp', g.series.temp, 100);
  setSpark(card, 'power', g.series.power, limit);
  setBadges(card, raw ? raw.throttling?.reasons || 0 : 0);
  const details = [];
  if (raw) {
    if (raw.performance_state >= 0) details.push('P' + raw.performance_state);
    if (raw.clocks?.graphics_mhz) details.push(raw.clocks.graphics_mhz + ' MHz');
    if (raw.fan_speed_rpm) details.push('fan ' + raw.fan_speed_rpm + ' %');
    const n = (raw.top_processes || []).length;
    details.push(n === 1 ? '1 process' : n + ' processes');
  }
  card.querySelector('.details').textContent = details.join(' · ');
  setProcesses(card, raw ? raw.top_processes : []);
  setXids(card, g.xids);
  setHolder(card, g.holder);
  card.querySelector('.message').textContent = g.lost || '';
}

function renderLocal() {
  const grid = $('local-grid');
  const indices = [...state.gpus.keys()].sort((a, b) => a - b);
  const cards = new Map([...grid.children].map((c) => [Number(c.dataset.gpuIndex), c]));
  indices.forEach((index, i) => {
    let card = cards.get(index);
    if (!card) card = makeCard('local', index, true);
    if (grid.children[i] !== card) grid.insertBefore(card, grid.children[i] || null);
    renderLocalCard(card, state.gpus.get(index));
  });
  markStale();
}

// ---- other nodes (nvgpu master view) -------------------------------------------------------

function remoteSection(key, title) {
  let section = state.remote.get(key);
  if (!section) {
    section = el('section', 'node');
    section.dataset.node = key;
    section.append(el('h2', 'node-title'), el('div', 'grid'));
    $('nodes').append(section);
    state.remote.set(key, section);
  }
  section.querySelector('.node-title').textContent = title;
  return section;
}

function renderAgent(grid, key, agent) {
  grid.replaceChildren();
  if (agent.error) {
    const card = makeCard(key, 0, false);
    setHeader(card, 'no data', '', 'error', 'error');
    card.querySelector('.metrics').remove();
    card.querySelector('.message').textContent = agent.error;
    grid.append(card);
    return;
  }
  (agent.gpus || []).forEach((gpu, i) => {
    const card = makeCard(key, i, false);
    const busy = gpu.is_available === false;
    setHeader(card, 'GPU ' + i, gpu.type || '', busy ? 'busy' : 'free', busy ? 'busy' : 'idle');
    const util = known(gpu.utilization) ? gpu.utilization : null;
    setMetric(card, 'util', known(util) ? util + ' %' : DASH, known(util) ? util / 100 : null);
    const used = bytesAsMib(gpu.memory?.used);
    const total = bytesAsMib(gpu.memory?.total);
    setMemory(card, used, total, false);
    const temp = known(gpu.temperature) ? gpu.temperature : null;
    setMetric(card, 'temp', known(temp) ? temp + ' °C' : DASH, known(temp) ? temp / 100 : null);
    card.querySelector('.metric[data-field="power"]').remove();
    const details = [];
    if (known(gpu.clock_mhz)) details.push(gpu.clock_mhz + ' MHz');
    if (gpu.users) details.push(gpu.users);
    if (gpu.cmd) details.push(gpu.cmd);
    if (gpu.running_since) details.push('since ' + gpu.running_since);
    card.querySelector('.details').textContent = details.join(' · ');
    grid.append(card);
  });
}

/** Shown only when this server is an nvgpu master with agents besides itself. */
async function pollCluster() {
  const { status, body } = await getJson('/cluster_status');
  if (status === 404) return; // not a master: never ask again
  if (status === 200 && Array.isArray(body) && body.length > 1) {
    const seen = new Set();
    body.forEach((agent, i) => {
      if (agent && agent.hostname && agent.hostname === state.hostname) return; // the live cards
      const key = 'agent-' + i;
      seen.add(key);
      const title = agent?.hostname || (agent?.error ? 'agent ' + (i + 1) : 'node ' + (i + 1));
      renderAgent(remoteSection(key, title).querySelector('.grid'), key, agent || {});
    });
    for (const [key, section] of state.remote) {
      if (!seen.has(key)) { section.remove(); state.remote.delete(key); }
    }
    const local = $('local-title');
    local.hidden = false;
    local.textContent = (state.hostname || 'this node') + ' (live)';
  }
  setTimeout(pollCluster, CLUSTER_EVERY_MS);
}

// ---- connection state, API key -------------------------------------------------------------

function setStatus(kind, text) {
  $('status').dataset.state = kind;
  $('status-text').textContent = text;
}

function showBanner(text) {
  const b = $('banner');
  b.textContent = text;
  b.hidden = !text;
}

function markStale() {
  const stale = state.lastFrameAt > 0 && Date.now() - state.lastFrameAt > STALE_AFTER_MS;
  for (const card of $('local-grid').children) card.classList.toggle('stale', stale);
  if (!state.lastFrameAt) return;
  const age = Math.round((Date.now() - state.lastFrameAt) / 1000);
  if (stale) setStatus('stale', `no update for ${age} s`);
}

function askForKey(reason) {
  setStatus('key', 'API key needed');
  $('key-reason').textContent = reason;
  $('key-form').hidden = false;
  $('key-input').focus();
}

function streamUrl() {
  const query = state.key ? '?api_key=' + encodeURIComponent(state.key) : '';
  return apiPath('/gpu/stream') + query;
}

/** EventSource hides the status of a refused stream; ask once more to tell 401 from a fault. */
async function explainClosedStream() {
  const abort = new AbortController();
  let status = 0;
  try {
    const res = await fetch(streamUrl(), { signal: abort.signal, cache: 'no-store' });
    status = res.status;
  } catch (e) { /* the server is away */ }
  abort.abort();
  if (status === 401) {
    askForKey(state.key ? 'The server refused this API key.' : 'The live stream needs an API key.');
    return;
  }
  setStatus('offline', 'server unreachable, retrying…');
  setTimeout(openStream, 5000);
}

function openStream() {
  if (state.stream) state.stream.close();
  const es = new EventSource(streamUrl());
  state.stream = es;
  es.onopen = () => setStatus('live', 'live');
  es.onmessage = (e) => {
    try { applyFrame(JSON.parse(e.data)); } catch (err) { return; }
    setStatus('live', 'live · ' + new Date().toLocaleTimeString());
  };
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) explainClosedStream();
    else setStatus('reconnecting', 'reconnecting…');
  };
}

function readKey() {
  const fromUrl = new URLSearchParams(location.search).get('api_key');
  if (fromUrl) localStorage.setItem(KEY_STORAGE, fromUrl);
  state.key = fromUrl || localStorage.getItem(KEY_STORAGE) || null;
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const key = $('key-input').value.trim();
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
    location.reload();
  });
}

async function start() {
  readKey();
  $('json-link').href = apiPath('/gpu');
  $('json-link').textContent = apiPath('/gpu');
  const first = await getJson('/gpu');
  if (first.status === 401) {
    askForKey(state.key ? 'The server refused this API key.' : 'This server asks for an API key.');
    return;
  }
  if (first.status === 200) applyFrame(first.body);
  else setStatus('offline', `/gpu answered ${first.status || 'nothing'}`);
  openStream();
  seedHistory();
  pollDevices();
  pollXids();
  pollCluster();
  setInterval(markStale, 1000);
}

start();

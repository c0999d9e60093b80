'use strict';
// Recent XID errors on the dashboard's GPU cards, from the `xid` block /health already carries
// (the kernel log's reports as smistat read them, newest first). Loaded before dashboard.js,
// whose helpers (getJson, gpuRecord, renderLocal, el) these functions call once the page runs.
//
// Everything but the numbers comes from the kernel log, which any process name reaches
// (`name=<b>x</b>` is a valid one): it is only ever set as text, never parsed as HTML.

const XID_EVERY_MS = 5000;
const XIDS_PER_CARD = 3;

/** The reports of /health's `xid` block by GPU index, newest first; a report for an address no
 *  GPU was ever seen at has no index and no card to go on. */
function xidsByGpu(block) {
  const byGpu = new Map();
  for (const r of Array.isArray(block?.recent) ? block.recent : []) {
    if (!Number.isInteger(r?.gpu) || !Number.isInteger(r?.xid)) continue;
    if (!byGpu.has(r.gpu)) byGpu.set(r.gpu, []);
    byGpu.get(r.gpu).push(r);
  }
  return byGpu;
}

/** When smistat read the report, as the server's clock wrote it (`2026-12-06T07:27:30.611409`,
 *  the server's local time without an offset): date and time to the second. */
function xidTime(text) {
  return typeof text === 'string' ? text.slice(0, 19).replace('T', ' ') : '';
}

/** Who the driver named: `pid 4242 python3`, either part left out when the driver did not say. */
function xidProcess(r) {
  const parts = [];
  if (Number.isInteger(r.pid)) parts.push('pid ' + r.pid);
  if (typeof r.process_name === 'string' && r.process_name) parts.push(r.process_name);
  return parts.join(' ');
}

/** The card's XID list: the newest few reports, or nothing (an empty list is not shown). */
function setXids(card, reports) {
  const list = card.querySelector('.xids');
  list.replaceChildren();
  for (const r of reports.slice(0, XIDS_PER_CARD)) {
    const li = el('li');
    li.dataset.xid = String(r.xid);
    // The driver's own text after the number says what the XID means ("GPU has fallen off the
    // bus."); the full report time goes in the tooltip.
    const meaning = el('span', 'xid-meaning', typeof r.message === 'string' ? r.message : '');
    meaning.title = meaning.textContent;
    const time = el('span', 'xid-time', xidTime(r.time));
    time.title = typeof r.time === 'string' ? r.time : '';
    li.append(el('span', 'xid-code', 'XID ' + r.xid), meaning, time,
      el('span', 'xid-process', xidProcess(r)));
    list.append(li);
  }
}

/** Polls /health for the XID reports and the GPUs' pods; stops when the server has no /health. */
async function pollXids() {
  const { status, body } = await getJson('/health');
  if (status === 404) return;
  if (status === 200 && body && typeof body === 'object') {
    const byGpu = xidsByGpu(body.xid);
    const holders = holdersByUuid(body.kubernetes);
    for (const [index, g] of state.gpus) {
      g.xids = byGpu.get(index) || [];
      g.holder = (g.uuid && holders.get(g.uuid)) || null;
    }
    renderLocal();
  }
  setTimeout(pollXids, XID_EVERY_MS);
}

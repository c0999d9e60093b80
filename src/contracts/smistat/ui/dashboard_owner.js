'use strict';
// The pod each GPU was given to, on the dashboard's GPU cards, from the `kubernetes` block
// /health carries when smistat runs with --kubernetes (the kubelet's allocations, by GPU UUID).
// A card learns its GPU's UUID from /gpu/history, the only one of the page's sources that names
// it; without the history (or without --kubernetes) no card shows a pod. Loaded before
// dashboard.js, whose `el` this calls once the page runs.
//
// Names come from the cluster: they are only ever set as text, never parsed as HTML.

/** /health's `kubernetes.gpus` by GPU UUID: who holds each GPU a container was given. */
function holdersByUuid(block) {
  const byUuid = new Map();
  for (const h of Array.isArray(block?.gpus) ? block.gpus : []) {
    if (typeof h?.uuid !== 'string' || typeof h.pod !== 'string' || !h.pod) continue;
    byUuid.set(h.uuid, h);
  }
  return byUuid;
}

/** The card's owner line: `namespace/pod`, the container, and `shared` when several containers
 *  hold the GPU (the one named is the first of them by namespace, pod and container); nothing
 *  for a GPU no pod holds. */
function setHolder(card, holder) {
  const box = card.querySelector('.holder');
  if (!holder) {
    box.replaceChildren();
    delete box.dataset.pod;
    return;
  }
  const pod = (holder.namespace ? holder.namespace + '/' : '') + holder.pod;
  box.dataset.pod = pod;
  const name = el('span', 'holder-pod', pod);
  name.title = 'Kubernetes pod holding this GPU (namespace/pod)';
  const parts = [el('span', 'holder-label', 'pod'), name];
  if (typeof holder.container === 'string' && holder.container)
    parts.push(el('span', 'holder-container', holder.container));
  if (holder.shared === true) {
    const shared = el('span', 'holder-shared', 'shared');
    shared.title = 'several containers hold this GPU; the first is named';
    parts.push(shared);
  }
  box.replaceChildren(...parts);
}

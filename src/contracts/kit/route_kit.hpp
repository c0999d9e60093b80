#pragma once
// What every contract's routes.cpp answers with: how a data route gets its snapshot without
// holding a thread, the instant a cached body describes, and a handler that renders a body once
// per snapshot generation and serves it to every request until the next one.

#include <functional>
#include <memory>
#include <utility>

#include "src/collect/kubernetes_report.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/xid_report.hpp"
#include "src/contracts/kit/body_cache.hpp"
#include "src/http/response.hpp"
#include "src/http/router.hpp"

namespace smistat::contracts {

/** Called with the snapshot a data route answers from. */
using snapshot_consumer = std::function<void(const collect::snapshot_ptr&)>;

/** How data routes get their snapshot without holding a thread: `data(consumer)` calls the
 *  consumer at once when the store's snapshot will do, or later, from the collector's thread,
 *  when it must wait (for the very first sample, or for an on-demand run). Called on HTTP
 *  threads; never blocks. */
using snapshot_source = std::function<void(snapshot_consumer)>;

/** The store's snapshot, without waiting (health, probes, metrics, the event stream). */
using current_snapshot = std::function<collect::snapshot_ptr()>;
/** The XID reports read from the kernel log so far; an empty function: the routes leave XIDs
 *  out. */
using current_xid_report = std::function<std::shared_ptr<const collect::xid_report>()>;
/** The kubelet poller's report; an empty function: `--kubernetes` is off. */
using current_kubernetes_report =
    std::function<std::shared_ptr<const collect::kubernetes_report>()>;

/** Called by every answer that shows the host's figures, so the host is read at its own
 *  cadence while such answers are asked for (collect::host_demand); empty: nobody counts them. */
using host_readers = std::function<void()>;

/** `data` for a route whose answers show the host's figures: each request first tells
 *  `readers`. */
inline snapshot_source showing_host(snapshot_source data, host_readers readers) {
  if (!readers) return data;
  return [data = std::move(data), readers = std::move(readers)](snapshot_consumer consume) {
    readers();
    data(std::move(consume));
  };
}

/** The instant a cached body describes: the sample's time, so bodies do not drift between
 *  renderings of one generation. */
inline collect::wall_clock::time_point sample_time(const collect::snapshot& s) {
  return s.sampled_at.value_or(collect::wall_clock::now());
}

/** A route answered from `respond(snapshot)`, rendered once per snapshot generation. It
 *  answers when `data` has the snapshot: at once, or (first sample, on demand) later, from the
 *  collector's thread, with no HTTP thread waiting meanwhile. */
template <class Respond>
http::async_handler cached(snapshot_source data, Respond respond) {
  auto cache = std::make_shared<body_cache>();
  return [=](const http::request&, http::responder answer) {
    data([cache, respond, answer](const collect::snapshot_ptr& s) {
      answer(cache->get(s, respond));
    });
  };
}

/** A route rendered once per generation from a body-only renderer; always 200 JSON. */
template <class Render>
http::async_handler cached_json(snapshot_source data, Render render) {
  return cached(std::move(data), [render](const collect::snapshot& s) {
    return http::json_response(200, render(s));
  });
}

}  // namespace smistat::contracts

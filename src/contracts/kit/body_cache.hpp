#pragma once
// Caches one route's rendered response per snapshot generation, so a GET between two
// collections costs a lookup and a write, not a rendering.

#include <atomic>
#include <cstdint>
#include <memory>

#include "src/collect/snapshot.hpp"
#include "src/http/response.hpp"

namespace smistat::contracts {

class body_cache {
 public:
  /** The cached response for `s`'s generation, rendering it with `render(s)` when the
   *  generation changed. Concurrent first requests may both render; one result wins. */
  template <class Render>
  http::response get(const collect::snapshot_ptr& s, Render&& render) {
    auto cached = cached_.load(std::memory_order_acquire);
    if (cached && cached->generation == s->generation) return cached->res;
    auto fresh = std::make_shared<const entry>(entry{s->generation, render(*s)});
    cached_.store(fresh, std::memory_order_release);
    return fresh->res;
  }

 private:
  struct entry {
    std::uint64_t generation;
    http::response res;
  };
  std::atomic<std::shared_ptr<const entry>> cached_;
};

}  // namespace smistat::contracts

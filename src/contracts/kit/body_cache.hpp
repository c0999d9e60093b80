#pragma once
// Caches one route's rendered response per snapshot generation, so a GET between two
// collections costs a lookup and a write, not a rendering.

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>

#include "src/collect/snapshot.hpp"
#include "src/http/response.hpp"

namespace smistat::contracts {

class body_cache {
 public:
  /** The cached response for `s`'s generation, rendering it with `render(s)` when the
   *  generation changed. Concurrent first requests may both render; one result wins. */
  template <class Render>
  http::response get(const collect::snapshot_ptr& s, Render&& render) {
    return get(s, nullptr, std::forward<Render>(render));
  }

  /** As get(s, render), for a body that also depends on `also`, an immutable input published
   *  beside the snapshots: rendered again when either changes. The entry holds `also`, so a
   *  new input never reuses a freed one's address. */
  template <class Render>
  http::response get(const collect::snapshot_ptr& s, std::shared_ptr<const void> also,
                     Render&& render) {
    return get(s, std::move(also), nullptr, std::forward<Render>(render));
  }

  /** As get(s, also, render), for a body that depends on two such inputs. */
  template <class Render>
  http::response get(const collect::snapshot_ptr& s, std::shared_ptr<const void> also,
                     std::shared_ptr<const void> also_too, Render&& render) {
    auto cached = cached_.load(std::memory_order_acquire);
    if (cached && cached->generation == s->generation && cached->also == also &&
        cached->also_too == also_too)
      return cached->res;
    auto fresh = std::make_shared<const entry>(entry{s->generation, also, also_too, render(*s)});
    cached_.store(fresh, std::memory_order_release);
    return fresh->res;
  }

 private:
  struct entry {
    std::uint64_t generation;
    std::shared_ptr<const void> also;
    std::shared_ptr<const void> also_too;
    http::response res;
  };
  std::atomic<std::shared_ptr<const entry>> cached_;
};

}  // namespace smistat::contracts

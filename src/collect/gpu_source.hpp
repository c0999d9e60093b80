#pragma once
// How the GPU figures arrive: a timer (interval), a request that finds them old (on-demand), or
// a long-lived loop child (loop). The mode picks one source at construction; the collector then
// treats every source alike. All calls come on the collector's strand.

#include <cstddef>
#include <functional>
#include <memory>

#include "src/collect/collector_options.hpp"
#include "src/collect/field_negotiation.hpp"
#include "src/collect/gpu_sink.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/strand_run.hpp"
#include "src/runner/run_result.hpp"
#include "src/runner/stream_launcher.hpp"

namespace smistat::collect {

/** Answer to request_fresh; called on the collector's strand, so post heavy work elsewhere. */
using fresh_handler = std::function<void(snapshot_ptr)>;

class gpu_source {
 public:
  virtual ~gpu_source() = default;

  /** True when GPU outcomes keep coming unasked (interval, loop): the other parts ride along
   *  with them. False on demand, where nothing else may publish for a long time. */
  virtual bool samples_by_itself() const noexcept = 0;
  /** Collection starts, beside the first facts reading. */
  virtual void start() = 0;
  /** A facts reading listed `n` GPUs. */
  virtual void gpus_listed(std::size_t /*n*/) {}
  /** A facts reading ended; `fields_changed`: its catalog changed the field set. */
  virtual void facts_read(bool fields_changed) = 0;
  /** A GPU outcome was published as `published`. */
  virtual void published(const snapshot_ptr& /*published*/) {}
  /** A client wants figures at least as fresh as the source promises; `current` is the store's. */
  virtual void request_fresh(fresh_handler handler, const snapshot_ptr& current) {
    handler(current);
  }
  /** Ends timers, runs and children; waiting requests get `current`. Nothing comes after. */
  virtual void stop(const snapshot_ptr& current) = 0;
  /** Adds what the source alone knows to the health about to be published. */
  virtual void fill_health(collection_health& /*health*/) const {}
};

/** The source for `options.mode`. `runner`, `launcher` (loop mode), `fields` and `sink` must
 *  outlive it. */
std::unique_ptr<gpu_source> make_gpu_source(const collect_strand& strand,
                                            runner::async_runner& runner,
                                            runner::stream_launcher* launcher,
                                            const collector_options& options,
                                            field_negotiation& fields, gpu_sink& sink);

}  // namespace smistat::collect

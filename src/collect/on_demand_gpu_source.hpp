#pragma once
// On-demand mode: nothing runs unasked. A request that finds the GPU figures older than the
// refresh interval starts a run, and every request that comes while it runs shares it.

#include <vector>

#include "src/collect/gpu_query.hpp"
#include "src/collect/gpu_source.hpp"

namespace smistat::collect {

class on_demand_gpu_source : public gpu_source {
 public:
  /** Every argument must outlive the source. */
  on_demand_gpu_source(const collect_strand& strand, runner::async_runner& runner,
                       const collector_options& options, field_negotiation& fields, gpu_sink& sink);

  bool samples_by_itself() const noexcept override { return false; }
  void start() override {}
  void facts_read(bool fields_changed) override;
  void published(const snapshot_ptr& published) override;
  void request_fresh(fresh_handler handler, const snapshot_ptr& current) override;
  void stop(const snapshot_ptr& current) override;

 private:
  bool fresh_enough() const;
  static void answer(std::vector<fresh_handler>& waiters, const snapshot_ptr& s);

  const collector_options& options_;
  gpu_query query_;
  std::vector<fresh_handler> joined_;   ///< answered when the query in flight publishes
  std::vector<fresh_handler> waiting_;  ///< need a query that starts after them
  bool stopped_ = false;
};

}  // namespace smistat::collect

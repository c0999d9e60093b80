#pragma once
// Where a GPU source hands its outcomes: the collector, seen from the source.

#include <memory>

#include "src/collect/smi_results.hpp"
#include "src/collect/snapshot.hpp"

namespace smistat::collect {

class gpu_sink {
 public:
  virtual ~gpu_sink() = default;

  /** Held by every pending run or timer of a source, so the collector outlives them. */
  virtual std::shared_ptr<gpu_sink> keep_alive() = 0;
  /** One GPU outcome, from whichever source: a run's table and/or error. `duration_seconds` is
   *  how long the run took, `attempt` when it started. */
  virtual void take_gpu_outcome(gpu_query_outcome outcome, int exit_code, double duration_seconds,
                                wall_clock::time_point attempt) = 0;
  /** True while the driver's field list (`--help-query-gpu`) is being read. */
  virtual bool catalog_in_flight() const = 0;
};

}  // namespace smistat::collect

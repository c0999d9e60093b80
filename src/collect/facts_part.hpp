#pragma once
// The static facts as a part of the snapshot: read at start beside the first GPU query, tried
// again on the refresh cadence while the versions are unknown (no driver yet), and read again
// when a sample names another driver. A failed reading after a good one keeps the good facts.

#include <chrono>
#include <functional>

#include "parsers/help_query_gpu.hpp"
#include "parsers/query_csv.hpp"
#include "src/collect/cadence.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/facts_reader.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/strand_run.hpp"

namespace smistat::collect {

/** Runs on the strand when a reading ended, with the driver's field list (empty when it was
 *  not asked for or failed). Its captures keep the part's owner alive. */
using facts_done = std::function<void(parsers::query_field_catalog catalog)>;

class facts_part {
 public:
  using clock = std::chrono::steady_clock;

  /** Every argument must outlive the part. */
  facts_part(const collect_strand& strand, runner::async_runner& runner,
             const collector_options& options);

  /** Starts a reading unless one is in flight; `discover`: also read `--help-query-gpu`. */
  void start(bool discover, facts_done done);
  bool in_flight() const noexcept { return cadence_.in_flight(); }
  /** The versions are unknown and the cadence allows another reading. */
  bool retry_due(clock::time_point now) const noexcept { return !known_ && cadence_.due(now); }
  /** True, once, when `table` names another driver than the facts: they must be read again
   *  (its versions, GPU list and field set may all differ). */
  bool driver_changed(const parsers::query_table& table);

  const static_facts& facts() const noexcept { return facts_; }
  /** Puts the facts and their health into `s`. */
  void fill(snapshot& s) const;
  /** No reading reports afterwards. */
  void stop() noexcept { stopped_ = true; }

 private:
  void on_reading(facts_reading reading, const run_start& started, const facts_done& done);

  collect_strand strand_;
  runner::async_runner& runner_;
  const collector_options& options_;
  cadence cadence_;
  static_facts facts_;
  part_health health_;
  bool known_ = false;  ///< a reading found the versions
  bool stopped_ = false;
};

}  // namespace smistat::collect

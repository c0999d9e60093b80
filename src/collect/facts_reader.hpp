#pragma once
// Reads the static facts: `--version` (the plain banner on drivers without it), `-L` and, when
// asked, `--help-query-gpu`, all started at once. None of them is ever waited for by the GPU
// query: the collector starts both side by side and folds the facts in when they arrive.

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <optional>

#include "parsers/help_query_gpu.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/snapshot.hpp"
#include "src/runner/run_result.hpp"

namespace smistat::collect {

/** What one reading found. */
struct facts_reading {
  static_facts facts;
  /** `--help-query-gpu`; empty when not asked for or when it failed. */
  parsers::query_field_catalog catalog;
  /** Why the versions are unknown (nvidia-smi missing, driver not loaded, ...); nullopt when
   *  they were read. */
  std::optional<collection_error> error;
};

using facts_handler = std::function<void(facts_reading)>;

/** Starts the reading; `done` runs once on `executor` (a strand) when every command ended.
 *  `runner` must outlive the reading. */
void read_facts(boost::asio::any_io_executor executor, runner::async_runner& runner,
                const collector_options& options, bool discover, facts_handler done);

}  // namespace smistat::collect

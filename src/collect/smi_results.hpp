#pragma once
// Turns what one nvidia-smi run produced into collector terms: an error, a GPU table keyed by
// smistat's field keys, a process list, or static facts. Pure: no I/O, no clocks.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/column_map.hpp"
#include "parsers/compute_apps.hpp"
#include "parsers/query_fields.hpp"
#include "src/collect/snapshot.hpp"
#include "src/common/shared_list.hpp"
#include "src/runner/run_result.hpp"

namespace smistat::collect {

/** The error a run stands for; nullopt when it exited 0. */
std::optional<collection_error> run_error(const runner::run_result& r);

/** What a `--query-gpu` run gave. */
struct gpu_query_outcome {
  /** The rows, `fields` renamed to keys; set on success, also when some GPUs were lost. */
  std::optional<parsers::query_table> table;
  /** The failure (no table), or `gpu_lost` beside a table of the GPUs that still answered. */
  std::optional<collection_error> error;
  /** The query name nvidia-smi rejected (`Field "x" is not a valid field`); empty otherwise. */
  std::string rejected_field;
};

/** Reads a `--query-gpu` run made with `fields` in the sample format. */
gpu_query_outcome read_gpu_query(const runner::run_result& r,
                                 std::span<const parsers::resolved_field> fields);
/** The same into columns already mapped (gpu_columns). */
gpu_query_outcome read_gpu_query(const runner::run_result& r,
                                 std::shared_ptr<const parsers::column_map> columns);

/** The columns of a GPU table asked for with `fields`: named by smistat's keys, in order.
 *  `last`, when it names exactly those keys, is returned as it is: a caller that asks the same
 *  fields run after run maps them once. */
std::shared_ptr<const parsers::column_map> gpu_columns(
    std::span<const parsers::resolved_field> fields,
    std::shared_ptr<const parsers::column_map> last = nullptr);

/** Reads rows of the sample format (one batch of loop mode, or a query's whole output) into
 *  `columns` (gpu_columns: loop mode maps them once a child, and its tables share the map). A
 *  table with only lost GPUs is still a table (every GPU lost). Memory figures nvidia-smi could
 *  not give are derived from the others (derive_memory_figures). */
gpu_query_outcome read_gpu_rows(std::string_view rows,
                                std::shared_ptr<const parsers::column_map> columns);

/** What a `--query-compute-apps` run gave: the processes, or why there are none. */
struct apps_outcome {
  std::optional<common::shared_list<parsers::compute_app>> apps;
  std::optional<collection_error> error;
};

/** Reads a `--query-compute-apps` run made by compute_apps_request. */
apps_outcome read_compute_apps(const runner::run_result& r);
/** Reads rows in the format compute_apps_request asks for (one batch of loop mode's streamed
 *  process list); lost-GPU lines among them are skipped. */
apps_outcome read_compute_app_rows(std::string_view rows);

/** Fills versions from `--version`; false when the run failed or the text is not recognised. */
bool apply_version(static_facts& facts, const runner::run_result& r);
/** Fills versions from the plain banner; false when no banner line is found. */
bool apply_banner(static_facts& facts, const runner::run_result& r);
/** Fills the `-L` list; false when the run failed. */
bool apply_list_gpus(static_facts& facts, const runner::run_result& r);

/** The `driver_version` of the first GPU row; empty when not queried or not present. */
std::string sampled_driver_version(const parsers::query_table& table);

}  // namespace smistat::collect

#pragma once
// The nvidia-smi command lines the collector runs, built as argv (never a shell string).

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/query_fields.hpp"
#include "src/collect/collector_options.hpp"
#include "src/runner/run_result.hpp"

namespace smistat::collect {

/** The output format of every sample query: no header, bare numbers. */
inline constexpr std::string_view sample_format = "csv,noheader,nounits";

/** `nvidia-smi --version`. */
runner::run_request version_request(const collector_options& o);
/** Plain `nvidia-smi` (the banner; the CUDA version on drivers without --version). */
runner::run_request banner_request(const collector_options& o);
/** `nvidia-smi -L`. */
runner::run_request list_gpus_request(const collector_options& o);
/** `nvidia-smi --help-query-gpu`. */
runner::run_request help_query_gpu_request(const collector_options& o);
/** `nvidia-smi --query-gpu=<query names> --format=csv,noheader,nounits`. */
runner::run_request query_gpu_request(const collector_options& o,
                                      std::span<const parsers::resolved_field> fields);
/** Arguments of loop mode's child: the sample query repeated every refresh interval
 *  (`--query-gpu=<names> --format=csv,noheader,nounits -lms <interval in ms>`). */
std::vector<std::string> loop_query_args(const collector_options& o,
                                         std::span<const parsers::resolved_field> fields);
/** `nvidia-smi --query-compute-apps=<default fields> --format=csv,noheader,nounits`. */
runner::run_request compute_apps_request(const collector_options& o);
/** Arguments of loop mode's process-list child: compute_apps_request's, repeated every refresh
 *  interval (`-lms <interval in ms>`). */
std::vector<std::string> loop_compute_apps_args(const collector_options& o);
/** `nvidia-smi -q`: the full human-readable query, for values no CSV field gives. */
runner::run_request query_details_request(const collector_options& o);
/** `-q -lms <details interval>`: loop mode's long-lived `-q` child (details_stream). */
std::vector<std::string> loop_details_args(const collector_options& o);
/** The fields compute_apps_request asks for, as strings for the parser. */
std::vector<std::string> compute_app_fields();

}  // namespace smistat::collect

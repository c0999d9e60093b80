#pragma once
// A snapshot as the 000 contract (GPU Statistics Server) sees it: the visible GPUs read with
// its N/A rules, or the error text its error dict carries.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/collect/snapshot.hpp"
#include "src/contracts/gpu_statistics/visible_devices.hpp"

namespace smistat::render {

/** One GPU as 000 reads it. Unknown values stay unknown here; the renderer applies defaults. */
struct stats_gpu {
  std::int64_t gpu_id = 0;  ///< the nvidia-smi index (0 when unreadable, as safe_int does)
  std::string name;         ///< "Unknown GPU" for a placeholder
  std::optional<std::int64_t> total_mb, used_mb, free_mb;
  std::optional<std::int64_t> utilization;
  std::optional<std::int64_t> temperature_c;
  std::optional<double> draw_w, limit_w;
};

/** What every 000 GPU route renders from. */
struct stats_view {
  std::optional<std::string> error;   ///< set when there is no data: the error dict's text
  std::vector<stats_gpu> gpus;        ///< visible GPUs in nvidia-smi order (lost ones left out)
  std::size_t total_system_gpus = 0;  ///< GPUs served before filtering
  std::string timestamp;              ///< the sample time, local isoformat
};

/** Reads every GPU row of the table (unfiltered). */
std::vector<stats_gpu> read_stats_gpus(const parsers::query_table& table);

/** The memory figures 000 prints that nvidia-smi did not give (nor could the collector derive
 *  them): `memory.total`, `memory.used`, `memory.free`, in that order; empty for a GPU 000 can
 *  serve. */
std::vector<std::string_view> unknown_memory_figures(const stats_gpu& gpu);

/** The GPUs 000 serves: those whose memory is known. Its memory fields are integers that cannot
 *  be null, and the allocator picks the emptiest GPU, so a GPU whose memory is unknown is left
 *  out, as a lost GPU is, rather than shown as empty; /health names it. (An unknown utilization
 *  keeps the original's 0, as the contract notes decide.) */
std::vector<stats_gpu> read_served_gpus(const parsers::query_table& table);

/** The error text 000 would report for a snapshot without data. */
std::string stats_error_text(const collect::snapshot& s);

/** Builds the view; `visible` is the parsed CUDA_VISIBLE_DEVICES (nullopt: no filter). Stale
 *  data is served as data: an error never replaces a good sample. */
stats_view make_stats_view(const collect::snapshot& s,
                           const std::optional<std::vector<std::int64_t>>& visible);

/** What the original logs when it filters `s` by `visible` (GPUs named but missing); the app
 *  logs these once per snapshot generation, as the original logs once per fetch. */
std::vector<filter_note> visible_filter_notes(
    const collect::snapshot& s, const std::optional<std::vector<std::int64_t>>& visible);

/** `round(used/total*100, 2)` when total > 0 (unknown used counts as 0, as in 000); nullopt
 *  where 000 writes the int 0. */
std::optional<double> usage_percent(const stats_gpu& gpu);

}  // namespace smistat::render

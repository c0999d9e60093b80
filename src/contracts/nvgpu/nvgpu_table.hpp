#pragma once
// `nvgpu list`'s table: pandas + tabulate's "simple" format with termcolor colours, as
// docs/contracts/nvgpu.md describes it, drawn from the nvgpu model.

#include <span>
#include <string>

#include "src/contracts/nvgpu/nvgpu_status.hpp"

namespace smistat::render {

struct nvgpu_table_options {
  bool memory_column = false;  ///< HEAD's `mem. used` column (after `util.`); the seed lacks it
  bool color = false;          ///< every cell of a row in its status colour (ANSI escapes)
  /** smistat's additions, after `users`: `job` when some GPU has a process in a Slurm job,
   *  `pod uid` when some GPU has one in a Kubernetes pod. Off, the table is nvgpu's. */
  bool owner_columns = false;
};

/** The table, lines joined by `\n`, without a final newline (the caller prints one). Status
 *  is `[!]` (red) when the users read exactly `?`, `[ ]` (green) for an available GPU, else
 *  `[~]` (blue). A column whose every cell is a number is right-aligned, like tabulate's. */
std::string render_nvgpu_table(std::span<const nvgpu_device> devices,
                               const nvgpu_table_options& options);

}  // namespace smistat::render

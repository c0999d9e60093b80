#pragma once
// Which batch jobs run on which GPU, from a folder the scheduler's prolog and epilog scripts keep
// (dcgm-exporter's --hpc-job-mapping-dir): one file per GPU named by its index, one job ID a line.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace smistat::system {

/** Job IDs by GPU index ("0", "1", ...), each list in file order without repeats. */
using hpc_job_map = std::map<std::string, std::vector<std::string>>;

/** Reads `dir`. Only regular files whose whole name is a decimal GPU index count, as in
 *  dcgm-exporter; `<gpu>.<gi>` files name MIG GPU instances, which have no series of their own
 *  here, so they are left out. Blank lines are skipped and a repeated job is kept once (two
 *  series with one label set would make the exposition invalid). A missing or unreadable folder
 *  or file gives no entry, never an error: the labels are absent, not guessed. */
hpc_job_map read_hpc_job_map(const std::filesystem::path& dir);

}  // namespace smistat::system

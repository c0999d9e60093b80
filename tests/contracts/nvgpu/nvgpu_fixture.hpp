#pragma once
// Snapshots for the nvgpu tests: a recorded machine with its compute apps, and /proc details
// made up for their pids so "users", "since" and "cmd" are the same on every test machine
// (the recorded pids mean nothing here, and may even exist).

#include <filesystem>

#include "src/collect/snapshot.hpp"

namespace smistat::test {

/** The machine's query (load, else idle), `-L`, and compute apps (load, else idle; none for
 *  the 2021 recordings), with the process list read at sample_time(). The processes' details,
 *  by ascending pid: the 1st, 4th, ... are alice's `python3 train.py` started 2 days before
 *  the sample; the 2nd, 5th, ... bob's Jupyter kernel, 50 minutes before; the 3rd, 6th, ...
 *  cannot be read (user `?`). */
collect::snapshot nvgpu_machine(const std::filesystem::path& dir);

/** The details nvgpu_machine makes up for `pids`. */
std::vector<system::process_details> made_up_processes(std::vector<std::int64_t> pids);

}  // namespace smistat::test

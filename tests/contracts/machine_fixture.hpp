#pragma once
// Snapshots for the contract 001/002 renderer tests: a recorded machine with its compute apps,
// `-q` details, /proc details of the app pids and a fixed, hand-filled host sample.

#include <filesystem>
#include <memory>

#include "src/collect/snapshot.hpp"
#include "src/system/system_info.hpp"

namespace smistat::test {

/** A fixed host: the values of the contract's README example. */
std::shared_ptr<const system::system_snapshot> fixed_host();

/** snapshot_from_machine plus compute apps and `-q` details of the same state (load, else
 *  idle), /proc details for every app pid but the last (which stays unresolved), and the
 *  fixed host. */
collect::snapshot machine_snapshot_001(const std::filesystem::path& dir);

/** A one-GPU snapshot from `noheader,nounits` values of `fields` (comma-separated names). */
collect::snapshot single_row_snapshot(std::string_view fields, std::string_view values);

}  // namespace smistat::test

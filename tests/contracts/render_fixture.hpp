#pragma once
// Snapshots for renderer tests: from the contract 000 fake table (the four GPUs every observation
// of the original used), from a recorded machine folder, or empty; plus the fixed clock the
// expected bodies were taken at.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "src/collect/snapshot.hpp"

namespace smistat::test {

/** 2026-11-21T23:18:33.706334 in UTC; tests run with TZ=UTC, so local time reads the same. */
collect::wall_clock::time_point sample_time();

/** The nine fields 000 queries, in its order. */
const std::vector<std::string>& contract_000_fields();

/** A healthy snapshot from `noheader,nounits` text over `contract_000_fields()`, sampled at
 *  sample_time(), with 535.104.05 / CUDA 12.2 facts. Fails the test if the text is invalid. */
collect::snapshot snapshot_from_000_csv(std::string_view text);

/** The four-GPU table from tests/contracts/data/synthetic-contract-000-4gpu.csv. */
collect::snapshot four_gpu_snapshot();

/** A snapshot with no data yet: nvidia-smi found and available, no attempt made. */
collect::snapshot empty_snapshot();

/** A machine folder's query-gpu.load.csv (else idle) parsed with its header's names mapped to
 *  smistat keys, and its version/-L facts. */
collect::snapshot snapshot_from_machine(const std::filesystem::path& dir);

/** Maps a header name to smistat's key (`clocks_throttle_reasons.active` ->
 *  `clocks_event_reasons.active`); names smistat does not query stay as they are. */
std::string key_for_header_name(std::string_view name);

}  // namespace smistat::test

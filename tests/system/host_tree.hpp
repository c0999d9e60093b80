#pragma once
// Recorded host trees (fixtures/host/<name>/) for the sampler tests: where they are, a scratch
// copy that can be advanced to the tree's `later/` counters, and a stable text of a sample.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "src/system/system_info.hpp"

namespace smistat::test {

/** `fixtures/host/<name>`. */
std::filesystem::path host_tree(std::string_view name);

/** Every recorded tree under fixtures/host/, sorted by name. */
std::vector<std::string> host_tree_names();

/** A private copy of a recorded tree in the temp folder, removed on destruction. */
class scratch_root {
 public:
  /** Copies `source` (without its `later/`) into a fresh folder. */
  explicit scratch_root(const std::filesystem::path& source);
  ~scratch_root();
  scratch_root(const scratch_root&) = delete;
  scratch_root& operator=(const scratch_root&) = delete;

  /** The copy; pass it to system_sampler. */
  const std::filesystem::path& path() const { return path_; }
  /** Overwrites the copy with the files of `source/later/`: the second recorded sample. */
  void advance_to_later();
  /** Writes (or replaces) one file below the copy. */
  void write(const std::filesystem::path& relative, std::string_view content);

 private:
  std::filesystem::path source_;
  std::filesystem::path path_;
};

/** One "key: value" line per field of the snapshot, floats as Python's repr. */
std::string describe(const system::system_snapshot& snap);

/** One line per process. */
std::string describe(const std::vector<system::process_details>& procs);

}  // namespace smistat::test

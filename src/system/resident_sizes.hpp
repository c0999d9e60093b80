#pragma once
// Every process's resident size in one pass over /proc, for the host part's "top processes by
// memory". It runs every host reading and visits each process of the machine, so it reads
// relative to one open /proc descriptor into a stack buffer: no path is built and nothing is
// allocated per process (with std::filesystem and stdio a pass cost about 12 µs per process).

#include <cstdint>
#include <filesystem>
#include <vector>

namespace smistat::system {

/** One process's resident set. */
struct resident_size {
  std::int64_t pid = 0;
  std::uint64_t bytes = 0;  ///< resident pages of /proc/<pid>/statm times the page size
};

/** The resident size of each process of `procfs` (a /proc folder) whose `statm` could be read,
 *  in directory order; empty when the folder cannot be opened. A process that ends during the
 *  pass is simply missing. */
std::vector<resident_size> read_resident_sizes(const std::filesystem::path& procfs,
                                               std::uint64_t page_size);

/** The same for the listed pids only; a pid that has no readable statm is left out. */
std::vector<resident_size> read_resident_sizes_of(const std::filesystem::path& procfs,
                                                  const std::vector<std::int64_t>& pids,
                                                  std::uint64_t page_size);

}  // namespace smistat::system

#include "src/system/startup_pages.hpp"

#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <vector>

namespace smistat::system {
namespace {

struct address_range {
  std::uintptr_t begin;
  std::uintptr_t end;
};

struct segment_search {
  std::uintptr_t page_size;
  std::vector<address_range> found;
  bool main_program = true;
};

/** The PT_LOAD segments that are never written (those without PF_W) of the program and of each
 *  shared library loaded from a file. The segment with PF_W holds .data and the RELRO part,
 *  whose pages are private once relocated; the vDSO is the kernel's, not a file's. */
std::vector<address_range> read_only_segments(std::uintptr_t page_size) {
  segment_search search{page_size, {}};
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) {
        auto& into = *static_cast<segment_search*>(data);
        // The program is listed first, with an empty name; libraries by their path.
        const bool from_file = into.main_program || info->dlpi_name[0] == '/';
        into.main_program = false;
        if (!from_file) return 0;
        const std::uintptr_t mask = ~(into.page_size - 1);
        for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
          const auto& header = info->dlpi_phdr[i];
          if (header.p_type != PT_LOAD || (header.p_flags & PF_W)) continue;
          const std::uintptr_t begin = info->dlpi_addr + header.p_vaddr;
          const std::uintptr_t end = begin + header.p_memsz;
          into.found.push_back({begin & mask, (end + into.page_size - 1) & mask});
        }
        return 0;
      },
      &search);
  return std::move(search.found);
}

/** Bits of a /proc/self/pagemap entry, one 64-bit entry per virtual page: the page is mapped;
 *  the page is the file's (or shared anonymous memory) rather than a private copy. */
constexpr std::uint64_t page_present = std::uint64_t{1} << 63;
constexpr std::uint64_t page_file_or_shared = std::uint64_t{1} << 61;

/** Unmaps, within `segment`, each run of pages that are mapped and still the file's own;
 *  adds what it saw to `result`. False when pagemap cannot be read. */
bool release_segment(int pagemap, const address_range& segment, std::uintptr_t page_size,
                     released_pages& result) {
  const std::size_t pages = (segment.end - segment.begin) / page_size;
  std::vector<std::uint64_t> entries(pages);
  const auto bytes = static_cast<ssize_t>(pages * sizeof(std::uint64_t));
  const auto offset = static_cast<off_t>(segment.begin / page_size * sizeof(std::uint64_t));
  if (::pread(pagemap, entries.data(), static_cast<std::size_t>(bytes), offset) != bytes)
    return false;

  std::size_t run_start = pages;  // none open
  const auto close_run = [&](std::size_t end) {
    if (run_start == pages) return;
    const std::uintptr_t begin = segment.begin + run_start * page_size;
    const std::size_t length = (end - run_start) * page_size;
    if (::madvise(reinterpret_cast<void*>(begin), length, MADV_DONTNEED) == 0)
      result.released += length;
    run_start = pages;
  };
  for (std::size_t i = 0; i < pages; ++i) {
    if (!(entries[i] & page_present)) {
      close_run(i);
      continue;
    }
    result.mapped += page_size;
    if (entries[i] & page_file_or_shared) {
      if (run_start == pages) run_start = i;
    } else {
      close_run(i);  // a private copy: keep it
    }
  }
  close_run(pages);
  return true;
}

}  // namespace

released_pages release_startup_pages() {
  released_pages result;
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (page_size <= 0) return result;
  const int pagemap = ::open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (pagemap < 0) return result;
  for (const auto& segment : read_only_segments(static_cast<std::uintptr_t>(page_size)))
    if (!release_segment(pagemap, segment, static_cast<std::uintptr_t>(page_size), result)) break;
  ::close(pagemap);
  return result;
}

}  // namespace smistat::system

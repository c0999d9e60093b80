#include "src/system/memory_reader.hpp"

#include <cstdint>
#include <optional>

#include "src/common/python_float.hpp"
#include "src/system/proc_text.hpp"

namespace smistat::system {
namespace {

/** "MemTotal:  32768000 kB" -> bytes; nullopt when the key is missing or garbled. */
std::optional<std::uint64_t> kib_field(std::string_view text, std::string_view key) {
  const auto value = find_field(text, key, ':');
  if (!value) return std::nullopt;
  const auto words = split_ws(*value);
  if (words.empty()) return std::nullopt;
  const auto kib = to_u64(words[0]);
  return kib ? std::optional<std::uint64_t>(*kib * 1024) : std::nullopt;
}

}  // namespace

memory_info parse_meminfo(std::string_view text) {
  memory_info mem;
  mem.total = kib_field(text, "MemTotal").value_or(0);
  mem.free = kib_field(text, "MemFree").value_or(0);
  mem.buffers = kib_field(text, "Buffers").value_or(0);
  // psutil counts reclaimable slab as cache, like free(1) does.
  mem.cached = kib_field(text, "Cached").value_or(0) + kib_field(text, "SReclaimable").value_or(0);
  const std::uint64_t spent = mem.free + mem.cached + mem.buffers;
  mem.used = spent <= mem.total ? mem.total - spent : mem.total - std::min(mem.free, mem.total);
  // Kernels before 3.14 have no MemAvailable; psutil then estimates, free+buffers+cached is
  // the same estimate older free(1) printed.
  mem.available = kib_field(text, "MemAvailable").value_or(spent);
  if (mem.available > mem.total) mem.available = mem.free;
  if (mem.total > 0) {
    const auto in_use = static_cast<double>(mem.total - std::min(mem.available, mem.total));
    mem.percent = common::python_round(in_use / static_cast<double>(mem.total) * 100.0, 1);
  }
  return mem;
}

}  // namespace smistat::system

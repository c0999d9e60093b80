// One libFuzzer target; SMISTAT_FUZZ_TARGET (set per executable by fuzz/CMakeLists.txt) names
// its entry. Everything else lives in the entry, so the regression test replays exactly this.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz/entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const smistat::fuzz::entry* const target = [] {
    const auto* e = smistat::fuzz::find_entry(SMISTAT_FUZZ_TARGET);
    if (e == nullptr) {
      std::fprintf(stderr, "no fuzz entry named %s\n", SMISTAT_FUZZ_TARGET);
      std::abort();
    }
    return e;
  }();
  // libFuzzer's data may be null when size is 0; a string_view must not be built from it.
  const char* bytes = size == 0 ? "" : reinterpret_cast<const char*>(data);
  target->run({bytes, size});
  return 0;
}

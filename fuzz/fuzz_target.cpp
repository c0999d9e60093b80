// One libFuzzer target; SMISTAT_FUZZ_ENTRY (set per executable by fuzz/CMakeLists.txt) names
// its entry function. Everything else lives in the entry, so the regression test replays exactly
// what the fuzzer ran.
#include <cstddef>
#include <cstdint>

#include "fuzz/entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // libFuzzer's data may be null when size is 0; a string_view must not be built from it.
  const char* bytes = size == 0 ? "" : reinterpret_cast<const char*>(data);
  smistat::fuzz::SMISTAT_FUZZ_ENTRY({bytes, size});
  return 0;
}

#include "tests/support/golden.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace smistat::test {

std::filesystem::path fixtures_dir() { return SMISTAT_FIXTURES_DIR; }
std::filesystem::path bin_dir() { return SMISTAT_BIN_DIR; }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::filesystem::path> machine_dirs() {
  std::vector<std::filesystem::path> dirs;
  for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir())) {
    if (!entry.is_directory()) continue;
    for (const char* name : {"query-gpu.idle.csv", "query-gpu.load.csv"})
      if (std::filesystem::exists(entry.path() / name)) {
        dirs.push_back(entry.path());
        break;
      }
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

bool matches_golden(const std::filesystem::path& golden, std::string_view actual) {
  const char* update = std::getenv("SMISTAT_UPDATE_GOLDEN");
  if (update && std::string_view(update) == "1") {
    std::filesystem::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
    return true;
  }
  if (!std::filesystem::exists(golden)) {
    ADD_FAILURE() << "missing golden file " << golden
                  << "\n  create it with: SMISTAT_UPDATE_GOLDEN=1 ctest --preset dev";
    return false;
  }
  const auto expected = read_file(golden);
  if (expected == actual) return true;
  ADD_FAILURE() << "output differs from golden " << golden
                << "\n  review, then rewrite with SMISTAT_UPDATE_GOLDEN=1\n--- expected\n"
                << expected.substr(0, 4000) << "\n+++ actual\n"
                << actual.substr(0, 4000);
  return false;
}

}  // namespace smistat::test

// The fuzz entries on every input kept for them: crashers and slow inputs found by fuzzing
// (fuzz/regressions/<target>/), hand-written seeds (fuzz/corpus/<target>/) and the recorded
// outputs fuzz/seeds.txt lists. An entry aborts on a failed property, so a regression fails
// this test with the entry's message; the input's path is printed first to name it.
#include <glob.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/entries.hpp"
#include "tests/support/golden.hpp"

namespace smistat::fuzz {

// Failure messages show the target's name, not the entry's bytes (found by gtest through ADL).
void PrintTo(const entry& e, std::ostream* os) { *os << e.name; }

namespace {

namespace fs = std::filesystem;

const fs::path source_dir = SMISTAT_SOURCE_DIR;

void add_files_in(const fs::path& dir, std::vector<fs::path>& out) {
  if (!fs::is_directory(dir)) return;
  for (const auto& f : fs::directory_iterator(dir))
    if (f.is_regular_file()) out.push_back(f.path());
}

void add_glob(const std::string& pattern, std::vector<fs::path>& out) {
  glob_t found{};
  if (::glob((source_dir / pattern).c_str(), 0, nullptr, &found) == 0)
    for (std::size_t i = 0; i < found.gl_pathc; ++i) out.emplace_back(found.gl_pathv[i]);
  ::globfree(&found);
}

std::vector<fs::path> inputs_of(std::string_view target) {
  std::vector<fs::path> out;
  add_files_in(source_dir / "fuzz/regressions" / target, out);
  add_files_in(source_dir / "fuzz/corpus" / target, out);
  std::ifstream seeds(source_dir / "fuzz/seeds.txt");
  for (std::string line; std::getline(seeds, line);) {
    std::istringstream words(line);
    std::string name, pattern;
    if (words >> name >> pattern && name == target) add_glob(pattern, out);
  }
  return out;
}

class replay : public ::testing::TestWithParam<entry> {};

TEST_P(replay, every_kept_input_passes_its_entry) {
  const auto inputs = inputs_of(GetParam().name);
  ASSERT_FALSE(inputs.empty()) << "no seeds for " << GetParam().name;
  for (const auto& path : inputs) {
    std::cerr << "input: " << path.string() << '\n';
    GetParam().run(test::read_file(path));
  }
}

INSTANTIATE_TEST_SUITE_P(entries, replay, ::testing::ValuesIn(entries().begin(), entries().end()),
                         [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace smistat::fuzz

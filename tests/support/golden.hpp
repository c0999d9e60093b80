#pragma once
// Fixture paths and golden files shared by every test executable.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::test {

/** `fixtures/` in the source tree (absolute). */
std::filesystem::path fixtures_dir();
/** `<build>/bin`, where smistat and nvidia-smi-replay are. */
std::filesystem::path bin_dir();
/** Reads a whole file as bytes; fails the current test (and returns "") when it cannot. */
std::string read_file(const std::filesystem::path& path);
/** The recorded machine folders under fixtures/ (those holding a query-gpu.*.csv), sorted. */
std::vector<std::filesystem::path> machine_dirs();

/** Compares `actual` with the golden file; with SMISTAT_UPDATE_GOLDEN=1 rewrites it instead.
 *  A missing golden fails with the command that creates it. Use as
 *  `EXPECT_TRUE(matches_golden(path, text))`. */
bool matches_golden(const std::filesystem::path& golden, std::string_view actual);

}  // namespace smistat::test

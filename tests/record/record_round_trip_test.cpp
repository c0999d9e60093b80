// `smistat record` end to end: the real binary records nvidia-smi-replay playing a fixture
// folder; the recording must be the fixture's own files after masking, byte for byte, and the
// replayer must play the recording back.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "src/record/identity_mask.hpp"
#include "tests/config/temp_dir.hpp"
#include "tests/record/run_program.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

namespace fs = std::filesystem;
using record::recorded_file;

/** A recording's files by name, without the parser goldens (parsed.json) and the pmon/dmon
 *  samples (cut from the upstream captures; `smistat record` does not take them) that fixtures
 *  also hold. */
std::vector<recorded_file> folder_files(const fs::path& dir) {
  std::vector<recorded_file> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name == "parsed.json" || name.starts_with("pmon.") || name.starts_with("dmon.")) continue;
    files.push_back({name, read_file(entry.path())});
  }
  std::sort(files.begin(), files.end(),
            [](const recorded_file& a, const recorded_file& b) { return a.name < b.name; });
  return files;
}

std::vector<recorded_file> masked(std::vector<recorded_file> files) {
  record::identity_mask mask(record::local_hostnames());
  return record::mask_recording(std::move(files), mask);
}

/** Points the replayer, which every child of this test inherits, at a folder and state. */
void replay(const fs::path& dir, const std::string& state) {
  ::setenv("NVIDIA_SMI_REPLAY_DIR", dir.c_str(), 1);
  ::setenv("NVIDIA_SMI_REPLAY_STATE", state.c_str(), 1);
}

runner::run_result record_into(const fs::path& out, const std::string& state, bool force) {
  std::vector<std::string> args = {"record",       out.string(),
                                   "--state",      state,
                                   "--nvidia-smi", (bin_dir() / "nvidia-smi-replay").string()};
  if (force) args.push_back("--force");
  return run_program((bin_dir() / "smistat").string(), args);
}

/** Records idle, then load (--force) into `out`, as a user with both states would. */
void record_both_states(const fs::path& machine, const fs::path& out) {
  for (const std::string state : {"idle", "load"}) {
    replay(machine, state);
    const auto r = record_into(out, state, state == "load");
    ASSERT_TRUE(r.ok()) << state << ": " << r.out << r.err;
    EXPECT_NE(r.out.find("recorded 9 files"), std::string::npos) << r.out;
  }
}

class record_round_trip : public ::testing::TestWithParam<std::string> {};

TEST_P(record_round_trip, recording_is_the_masked_fixture_byte_for_byte) {
  const auto machine = fixtures_dir() / GetParam();
  temp_dir scratch;
  const auto out = scratch.path() / "recorded";
  record_both_states(machine, out);
  const auto expected = masked(folder_files(machine));
  const auto recorded = folder_files(out);
  ASSERT_EQ(recorded.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(recorded[i].name, expected[i].name);
    EXPECT_TRUE(recorded[i].text == expected[i].text) << recorded[i].name << " differs";
  }
}

TEST_P(record_round_trip, replayer_plays_the_recording_back) {
  temp_dir scratch;
  const auto out = scratch.path() / "recorded";
  record_both_states(fixtures_dir() / GetParam(), out);
  // Recording the recording changes nothing: the folder plays back exactly what it holds.
  const auto again = scratch.path() / "again";
  record_both_states(out, again);
  const auto first = folder_files(out);
  const auto second = folder_files(again);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i)
    EXPECT_TRUE(first[i] == second[i]) << first[i].name << " plays back differently";
}

INSTANTIATE_TEST_SUITE_P(machines, record_round_trip,
                         ::testing::Values("h100-80gb-hbm3__590.48.01", "h200-mig__590.48.01",
                                           "synthetic-8x-h100__590.48.01",
                                           "geforce-rtx-2080-super__610.57.04"));

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  ASSERT_TRUE(out.good()) << path;
}

/** Copies a fixture folder, replacing its (already masked) identities by real-looking ones. */
void unmask_copy(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& file : folder_files(from)) {
    std::string text = file.text;
    for (const auto& [fake, real] : std::vector<std::pair<std::string, std::string>>{
             {"GPU-00000000-0000-0000-0000-000000000000",
              "GPU-5f3c9a4e-1b2d-4c6e-8f0a-9b8c7d6e5f4a"},
             // The serial as a cell and as a -q value, not the zeros inside bitmasks.
             {", 0000000000000,", ", 1654922012345,"},
             {": 0000000000000\n", ": 1654922012345\n"},
             {"<serial>0000000000000<", "<serial>1654922012345<"}}) {
      for (auto pos = text.find(fake); pos != std::string::npos; pos = text.find(fake, pos))
        text.replace(pos, fake.size(), real);
    }
    write_file(to / file.name, text);
  }
}

TEST(record_command, real_identities_never_reach_the_recording) {
  temp_dir scratch;
  const auto machine = fixtures_dir() / "h100-80gb-hbm3__590.48.01";
  const auto real = scratch.path() / "real-machine";
  unmask_copy(machine, real);
  ASSERT_NE(read_file(real / "list-gpus.txt").find("5f3c9a4e"), std::string::npos);
  const auto out = scratch.path() / "recorded";
  record_both_states(real, out);
  const auto expected = masked(folder_files(machine));
  const auto recorded = folder_files(out);
  ASSERT_EQ(recorded.size(), expected.size());
  for (std::size_t i = 0; i < recorded.size(); ++i) {
    EXPECT_EQ(recorded[i].text.find("5f3c9a4e"), std::string::npos) << recorded[i].name;
    EXPECT_EQ(recorded[i].text.find("1654922012345"), std::string::npos) << recorded[i].name;
    EXPECT_EQ(recorded[i].text.find("0x7f8dedcec96ce17f"), std::string::npos) << recorded[i].name;
    EXPECT_TRUE(recorded[i] == expected[i]) << recorded[i].name << " differs";
  }
}

TEST(record_command, refuses_a_folder_that_is_not_empty) {
  temp_dir scratch;
  scratch.write("notes.txt", "mine");
  replay(fixtures_dir() / "h100-80gb-hbm3__590.48.01", "idle");
  const auto r = record_into(scratch.path(), "idle", false);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(scratch.path() / "list-gpus.txt"));
  EXPECT_EQ(read_file(scratch.path() / "notes.txt"), "mine");
}

TEST(record_command, a_missing_nvidia_smi_writes_nothing) {
  temp_dir scratch;
  const auto out = scratch.path() / "recorded";
  const auto r = run_program((bin_dir() / "smistat").string(),
                             {"record", out.string(), "--nvidia-smi", "/nonexistent/nvidia-smi"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("could not start /nonexistent/nvidia-smi"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(record_command, failed_commands_are_left_out_and_reported) {
  temp_dir scratch;
  const auto out = scratch.path() / "recorded";
  // The 2021 recording predates --version: the replayer refuses it as nvidia-smi 465 did.
  replay(fixtures_dir() / "geforce-rtx-2080-super__465.27", "idle");
  const auto r = record_into(out, "idle", false);
  EXPECT_FALSE(fs::exists(out / "version.txt"));
  EXPECT_NE(r.out.find("not recorded: version.txt (nvidia-smi --version: exited"),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(fs::exists(out / "list-gpus.txt"));
}

}  // namespace
}  // namespace smistat::test

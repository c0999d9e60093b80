// `-q -d TYPE`: the recorded `-q` cut to the blocks of the display types, on every folder.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/replayer/replayer_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

constexpr const char* h100 = "h100-80gb-hbm3__590.48.01";
constexpr const char* eight_gpus = "synthetic-8x-h100__590.48.01";

std::filesystem::path golden_dir() {
  return fixtures_dir().parent_path() / "tests/replayer/golden";
}

env_vars idle_env(const char* machine) {
  return {{"NVIDIA_SMI_REPLAY_DIR", machine_dir(machine).string()},
          {"NVIDIA_SMI_REPLAY_STATE", "idle"}};
}

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    lines.emplace_back(text.substr(0, newline));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return lines;
}

// The top-level block titles (4-space lines) of a `-q` text, keys without their values.
std::vector<std::string> titles_of(std::string_view text) {
  std::vector<std::string> titles;
  for (auto line : lines_of(text)) {
    if (line.size() <= 4 || !line.starts_with("    ") || line[4] == ' ') continue;
    line = line.substr(
        4, line.find(" :") == std::string::npos ? std::string::npos : line.find(" :") - 4);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    titles.push_back(line);
  }
  return titles;
}

// A display type, the blocks a 590+ `-q` holds for it, and the sample blocks it adds.
struct display_row {
  std::string type;
  std::vector<std::string> titles;
  std::vector<std::string> samples;
};

const std::vector<display_row>& display_rows() {
  static const std::vector<display_row> rows = {
      {"MEMORY",
       {"FB Memory Usage", "BAR1 Memory Usage", "Conf Compute Protected Memory Usage"},
       {}},
      {"UTILIZATION",
       {"Utilization"},
       {"GPU Utilization Samples", "Memory Utilization Samples", "ENC Utilization Samples",
        "DEC Utilization Samples"}},
      {"ECC", {"ECC Mode", "ECC Errors"}, {}},
      {"TEMPERATURE", {"Temperature"}, {}},
      {"POWER",
       {"GPU Power Readings", "GPU Memory Power Readings", "Module Power Readings",
        "EDPp Multiplier"},
       {"Power Samples"}},
      {"CLOCK",
       {"Clocks", "Applications Clocks", "Default Applications Clocks", "Deferred Clocks",
        "Max Clocks", "Max Customer Boost Clocks", "Clock Policy"},
       {"SM Clock Samples", "Memory Clock Samples"}},
      {"COMPUTE", {"Compute Mode"}, {}},
      {"PIDS", {"Processes"}, {}},
      {"PERFORMANCE",
       {"Performance State", "Clocks Event Reasons", "Clocks Event Reasons Counters"},
       {}},
      {"PAGE_RETIREMENT", {"Retired Pages"}, {}},
      {"ROW_REMAPPER", {"Remapped Rows"}, {}},
      {"ENCODER_STATS", {"Encoder Stats"}, {}},
      {"FBC_STATS", {"FBC Stats"}, {}},
      {"GSP_FIRMWARE_VERSION", {"GSP Firmware Version"}, {}},
      {"POWER_SMOOTHING", {"Power Smoothing"}, {}},
      {"POWER_PROFILES", {"Workload Power Profiles"}, {}},
  };
  return rows;
}

TEST(replayer_display, memory_power_clock_on_the_h100_is_the_golden) {
  // Checked by hand against published `-q -d` answers: header kept, blocks in `-q` order,
  // sample blocks where nvidia-smi prints them.
  const auto got = run_replayer({"-q", "-d", "MEMORY,POWER,CLOCK"}, idle_env(h100));
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(got.err, "");
  EXPECT_TRUE(matches_golden(golden_dir() / "q-d-memory-power-clock.h100.idle.txt", got.out));
}

TEST(replayer_display, every_type_keeps_its_recorded_blocks_on_every_folder) {
  for (const auto& dir : machine_dirs())
    for (const std::string state : {"idle", "load"}) {
      const auto q_path = dir / ("q." + state + ".txt");
      if (!std::filesystem::exists(q_path)) continue;
      const auto recorded = read_file(q_path);
      const auto recorded_lines = lines_of(recorded);
      const env_vars env = {{"NVIDIA_SMI_REPLAY_DIR", dir.string()},
                            {"NVIDIA_SMI_REPLAY_STATE", state}};
      const auto gpus = std::count_if(recorded_lines.begin(), recorded_lines.end(),
                                      [](const std::string& l) { return l.starts_with("GPU 0"); });
      for (const auto& row : display_rows()) {
        SCOPED_TRACE(dir.filename().string() + " " + state + " -d " + row.type);
        const auto got = run_replayer({"-q", "-d", row.type}, env);
        ASSERT_EQ(got.exit_code, 0) << got.err;
        EXPECT_EQ(got.err, "");
        // The header up to the first GPU is the recording's.
        EXPECT_EQ(got.out.substr(0, got.out.find("\nGPU 0")),
                  recorded.substr(0, recorded.find("\nGPU 0")));
        // Per GPU: the type's recorded blocks, then its sample blocks in their places.
        std::vector<std::string> expected;
        for (std::ptrdiff_t gpu = 0; gpu < gpus; ++gpu) {
          // Samples follow Max Customer Boost Clocks (CLOCK) or the type's first block.
          std::vector<std::string> one = row.titles;
          one.insert(one.begin() + (row.type == "CLOCK" ? 6 : 1), row.samples.begin(),
                     row.samples.end());
          expected.insert(expected.end(), one.begin(), one.end());
        }
        EXPECT_EQ(titles_of(got.out), expected);
        // Every line outside the sample blocks is a recorded line, in the recorded order.
        auto next = recorded_lines.begin();
        bool in_samples = false;
        for (const auto& line : lines_of(got.out)) {
          if (line.starts_with("    ") && line[4] != ' ') in_samples = line.ends_with(" Samples");
          if (in_samples) {
            if (line.starts_with("        ")) {
              EXPECT_TRUE(line.ends_with(": Not Found")) << line;
            }
            continue;
          }
          next = std::find(next, recorded_lines.end(), line);
          ASSERT_NE(next, recorded_lines.end())
              << "not in the recording, or out of order: " << line;
          ++next;
        }
      }
    }
}

TEST(replayer_display, names_in_any_case_and_order_give_the_same_answer) {
  const auto env = idle_env(h100);
  const auto reference = run_replayer({"-q", "-d", "MEMORY,TEMPERATURE"}, env);
  ASSERT_EQ(reference.exit_code, 0) << reference.err;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"-q", "-d", "temperature,Memory"},
        std::vector<std::string>{"--query", "--display=TEMPERATURE,MEMORY"},
        std::vector<std::string>{"-d", "MEMORY,MEMORY,TEMPERATURE", "-q"}}) {
    SCOPED_TRACE(args[1]);
    const auto got = run_replayer(args, env);
    EXPECT_EQ(got.exit_code, 0);
    EXPECT_EQ(got.out, reference.out);
  }
  // Memory before Temperature, as -q prints them.
  EXPECT_LT(reference.out.find("FB Memory Usage"), reference.out.find("    Temperature"));
}

TEST(replayer_display, id_selects_gpus_and_keeps_the_attached_count) {
  const auto got = run_replayer({"-q", "-d", "MEMORY", "-i", "2,5"}, idle_env(eight_gpus));
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_EQ(titles_of(got.out),
            (std::vector<std::string>{"FB Memory Usage", "BAR1 Memory Usage",
                                      "Conf Compute Protected Memory Usage", "FB Memory Usage",
                                      "BAR1 Memory Usage", "Conf Compute Protected Memory Usage"}));
  EXPECT_NE(got.out.find("GPU 00000000:3A:00.0\n"), std::string::npos);
  EXPECT_NE(got.out.find("GPU 00000000:AB:00.0\n"), std::string::npos);
  EXPECT_NE(got.out.find("Attached GPUs                                          : 8\n"),
            std::string::npos);
}

TEST(replayer_display, the_free_memory_one_liner_reads_the_recorded_values) {
  // `nvidia-smi -q -d Memory | grep -A4 GPU | grep Free`, a common way to pick the freest GPU:
  // the FB block's Free line per GPU must come out as recorded.
  const auto got = run_replayer({"-q", "-d", "Memory"}, idle_env(eight_gpus));
  ASSERT_EQ(got.exit_code, 0) << got.err;
  const auto recorded = read_file(machine_dir(eight_gpus) / "q.idle.txt");
  std::vector<std::string> got_free;
  std::vector<std::string> recorded_free;
  const auto fb_free = [](std::string_view text, std::vector<std::string>& out) {
    const auto lines = lines_of(text);
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines[i] == "    FB Memory Usage")
        for (std::size_t j = i + 1; j < lines.size() && lines[j].starts_with("        "); ++j)
          if (lines[j].starts_with("        Free")) out.push_back(lines[j]);
  };
  fb_free(got.out, got_free);
  fb_free(recorded, recorded_free);
  EXPECT_EQ(got_free.size(), 8u);
  EXPECT_EQ(got_free, recorded_free);
}

TEST(replayer_display, unknown_or_misplaced_types_fail_like_nvidia_smi) {
  const auto env = idle_env(h100);
  const std::string invalid =
      "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.\n";
  for (const std::vector<std::string>& args : {
           std::vector<std::string>{"-q", "-d", "MEMORYY"},
           std::vector<std::string>{"-q", "-d", "MEMORY,BOGUS"},
           std::vector<std::string>{"-q", "-d", ""},
           std::vector<std::string>{"-q", "-x", "-d", "MEMORY"},
           std::vector<std::string>{"-d", "MEMORY"},
           std::vector<std::string>{"--query-gpu=name", "--format=csv", "-d", "MEMORY"},
       }) {
    SCOPED_TRACE(args.back());
    const auto got = run_replayer(args, env);
    EXPECT_EQ(got.exit_code, 255);
    EXPECT_EQ(got.out, invalid);
    EXPECT_EQ(got.err, "");
  }
  const auto missing = run_replayer({"-q", "-d", "-d"}, env);
  EXPECT_EQ(missing.exit_code, 255);
}

TEST(replayer_display, types_without_blocks_in_q_are_not_recorded) {
  // ACCOUNTING and SUPPORTED_CLOCKS print blocks a plain -q lacks: the replayer cannot answer
  // them from it, and says so instead of printing an empty GPU.
  for (const std::string type : {"ACCOUNTING", "SUPPORTED_CLOCKS", "MEMORY,VOLTAGE"}) {
    SCOPED_TRACE(type);
    const auto got = run_replayer({"-q", "-d", type}, idle_env(h100));
    EXPECT_EQ(got.exit_code, 3);
    EXPECT_EQ(got.out, "Not Supported\n");
    EXPECT_NE(got.err.find("holds none of its blocks"), std::string::npos) << got.err;
  }
}

}  // namespace
}  // namespace smistat::test

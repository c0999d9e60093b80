// -l / -lms loop mode: header once, then every row each period, until killed.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <regex>
#include <thread>

#include "parsers/csv_dialect.hpp"
#include "tests/replayer/replayer_process.hpp"

namespace smistat::test {
namespace {

std::size_t line_count(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

env_vars machine_env(const char* machine, env_vars extra = {}) {
  extra.emplace_back("NVIDIA_SMI_REPLAY_DIR", machine_dir(machine).string());
  return extra;
}

TEST(replayer_loop, header_once_then_every_row_each_period) {
  replayer_process p({"--query-gpu=index,clocks.sm", "--format=csv", "-lms", "50"},
                     machine_env("synthetic-8x-h100__590.48.01"));
  ASSERT_TRUE(p.read_until([](std::string_view out) { return line_count(out) >= 1 + 3 * 8; }))
      << p.out() << p.err();
  p.signal_group(SIGTERM);
  ASSERT_TRUE(p.wait());
  EXPECT_EQ(p.term_signal(), SIGTERM);
  const auto lines = parsers::split_lines(p.out());
  EXPECT_EQ(lines[0], "index, clocks.current.sm [MHz]");
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
    EXPECT_NE(lines[i], lines[0]) << "header repeated at line " << i;
    EXPECT_TRUE(lines[i].starts_with(std::to_string((i - 1) % 8) + ", ")) << lines[i];
  }
}

// What smistat's loop mode reads for its process list: the rows of every running process each
// period (under `csv`, after one header), and nothing at all while none runs.
TEST(replayer_loop, compute_apps_print_every_process_each_period) {
  replayer_process p(
      {"--query-compute-apps=pid,process_name", "--format=csv", "-lms", "20"},
      machine_env("synthetic-8x-h100__590.48.01", {{"NVIDIA_SMI_REPLAY_STATE", "load"}}));
  ASSERT_TRUE(p.read_until([](std::string_view out) { return line_count(out) >= 1 + 3 * 3; }))
      << p.out() << p.err();
  const auto lines = parsers::split_lines(p.out());
  EXPECT_EQ(lines[0], "pid, process_name");
  const char* const pids[] = {"11327, ", "11328, ", "11345, "};
  for (std::size_t i = 1; i + 1 < lines.size(); ++i)
    EXPECT_TRUE(lines[i].starts_with(pids[(i - 1) % 3])) << "line " << i << ": " << lines[i];
}

TEST(replayer_loop, compute_apps_print_nothing_while_no_process_runs) {
  replayer_process p(
      {"--query-compute-apps=gpu_uuid,pid", "--format=csv,noheader,nounits", "-lms", "20"},
      machine_env("synthetic-8x-h100__590.48.01", {{"NVIDIA_SMI_REPLAY_STATE", "idle"}}));
  ASSERT_TRUE(eventually([&] { return is_asleep_in_replayer(p.pid()); }));
  // Ten periods: a batch each would have printed by now.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  p.read_available();
  EXPECT_EQ(p.out(), "");
  EXPECT_FALSE(p.stdout_closed_now()) << "the loop goes on";
}

TEST(replayer_loop, seconds_loop_prints_the_first_batch_at_once) {
  replayer_process p({"--query-gpu=index", "--format=csv,noheader", "-l", "1"},
                     machine_env("h100-80gb-hbm3__590.48.01"));
  ASSERT_TRUE(p.read_until([](std::string_view out) { return line_count(out) >= 1; }));
  EXPECT_EQ(p.out(), "0\n");
}

TEST(replayer_loop, values_stay_put_without_vary) {
  replayer_process p(
      {"--query-gpu=utilization.gpu,power.draw", "--format=csv,noheader", "-lms", "10"},
      machine_env("h100-80gb-hbm3__590.48.01"));
  ASSERT_TRUE(p.read_until([](std::string_view out) { return line_count(out) >= 3; }));
  const auto lines = parsers::split_lines(p.out());
  EXPECT_EQ(lines[0], "100 %, 631.95 W");
  EXPECT_EQ(lines[1], lines[0]);
  EXPECT_EQ(lines[2], lines[0]);
}

TEST(replayer_loop, vary_moves_readings_between_batches_in_their_format) {
  replayer_process p(
      {"--query-gpu=utilization.gpu,temperature.gpu,power.draw,clocks.sm,name,memory.total",
       "--format=csv,noheader", "-lms", "10"},
      machine_env("h100-80gb-hbm3__590.48.01", {{"NVIDIA_SMI_REPLAY_VARY", "1"}}));
  ASSERT_TRUE(p.read_until([](std::string_view out) { return line_count(out) >= 4; }));
  const auto lines = parsers::split_lines(p.out());
  const std::regex shape(
      R"(^\d{1,3} %, \d+, \d+\.\d\d W, \d+ MHz, NVIDIA H100 80GB HBM3, 81559 MiB$)");
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_TRUE(std::regex_match(std::string(lines[i]), shape)) << lines[i];
    if (i > 0) {
      EXPECT_NE(lines[i], lines[i - 1]);
    }
  }
}

TEST(replayer_loop, vary_keeps_utilization_in_range_and_units_optional) {
  replayer_process p({"--query-gpu=utilization.gpu", "--format=csv,noheader,nounits", "-lms", "5"},
                     machine_env("h100-80gb-hbm3__590.48.01", {{"NVIDIA_SMI_REPLAY_VARY", "1"}}));
  ASSERT_TRUE(p.read_until([](std::string_view out) { return line_count(out) >= 10; }));
  for (const auto line : parsers::split_lines(p.out())) {
    const int value = std::stoi(std::string(line));
    EXPECT_GE(value, 0);
    EXPECT_LE(value, 100);
    EXPECT_EQ(line, std::to_string(value));
  }
}

}  // namespace
}  // namespace smistat::test

// Loop mode's streamed process list, end to end: the real smistat against nvidia-smi-replay,
// whose `--query-compute-apps ... -lms N` prints the recorded rows every interval and nothing
// when the recording runs no process, or when it hangs.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;

const std::string eight_gpus = "synthetic-8x-h100__590.48.01";

std::vector<std::string> loop_args() {
  return {"--replay",           machine_dir(eight_gpus).string(),
          "--collect-mode",     "loop",
          "--refresh-interval", "0.1"};
}

const json::value& processes_part(const json::value& health) {
  return health.at("collection").at("parts").at("processes");
}

std::int64_t processes_count(const json::value& health, const char* what) {
  return processes_part(health).at(what).as_int64();
}

/** The pid of the server's process-list child; -1 when none runs. */
pid_t apps_child(const smistat_process& server) {
  for (const auto child : children_of(server.pid())) {
    const auto cmdline = cmdline_of(child);
    if (cmdline.find("--query-compute-apps=") != std::string::npos &&
        cmdline.find("-lms") != std::string::npos)
      return child;
  }
  return -1;
}

std::size_t processes_listed(unsigned short port) {
  std::size_t listed = 0;
  const auto body = get_json(port, "/gpu");
  for (const auto& gpu : body.at("gpus").as_array())
    listed += gpu.at("top_processes").as_array().size();
  return listed;
}

TEST(loop_processes, the_process_list_follows_the_replayed_state) {
  for (const char* state : {"load", "idle"}) {
    smistat_process server(loop_args(), {{"NVIDIA_SMI_REPLAY_STATE", state}});
    ASSERT_NE(server.port(), 0) << state;
    const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
      return processes_count(h, "runs_total") >= 3;
    });
    EXPECT_GE(processes_count(health, "runs_total"), 3) << state;
    EXPECT_EQ(processes_count(health, "errors_total"), 0) << state;
    EXPECT_GT(apps_child(server), 0) << "a long-lived process-list child (" << state << ")";
    if (std::string(state) == "load")
      EXPECT_GT(processes_listed(server.port()), 0u);
    else
      EXPECT_EQ(processes_listed(server.port()), 0u);
  }
}

TEST(loop_processes, a_process_list_child_that_dies_is_restarted_and_shows_in_health) {
  smistat_process server(loop_args(), {{"NVIDIA_SMI_REPLAY_STATE", "load"}});
  ASSERT_NE(server.port(), 0);
  poll_json(server.port(), "/health",
            [](const json::value& h) { return processes_count(h, "runs_total") >= 2; });
  const auto first = apps_child(server);
  ASSERT_GT(first, 0);
  ASSERT_EQ(::kill(first, SIGKILL), 0);

  const auto failed = poll_json(server.port(), "/health", [](const json::value& h) {
    return processes_count(h, "errors_total") >= 1;
  });
  EXPECT_GE(processes_count(failed, "errors_total"), 1);
  pid_t second = -1;
  for (int i = 0; i < 300 && (second <= 0 || second == first); ++i) {
    second = apps_child(server);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_GT(second, 0);
  EXPECT_NE(second, first) << "a new process-list child";
  const auto healed = poll_json(server.port(), "/health", [](const json::value& h) {
    return processes_part(h).at("last_error").is_null();
  });
  EXPECT_TRUE(processes_part(healed).at("last_error").is_null()) << processes_part(healed);
  EXPECT_EQ(healed.at("collection").at("loop").at("restarts"), json::value(0))
      << "the GPU stream is not touched";
  EXPECT_GT(processes_listed(server.port()), 0u);
}

TEST(loop_processes, a_process_list_child_that_hangs_never_empties_the_list) {
  // Both children hang after their fifth batch. The GPU loop is replaced after the collect
  // timeout and samples again; the process list child, silent and no longer waking, must not
  // read as "no process" meanwhile: its list stays, reported as failed, until it is replaced.
  auto args = loop_args();
  args.insert(args.end(), {"--collect-timeout", "1"});
  smistat_process server(
      args, {{"NVIDIA_SMI_REPLAY_STATE", "load"}, {"NVIDIA_SMI_REPLAY_FAULT", "loop-hang:5"}});
  ASSERT_NE(server.port(), 0);
  poll_json(server.port(), "/health",
            [](const json::value& h) { return processes_count(h, "runs_total") >= 1; });
  const auto first = apps_child(server);
  std::size_t empty_answers = 0;
  json::value health;
  std::int64_t good_reads_after_error = -1;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (processes_listed(server.port()) == 0) ++empty_answers;
    health = get_json(server.port(), "/health");
    const auto good =
        processes_count(health, "runs_total") - processes_count(health, "errors_total");
    if (processes_count(health, "errors_total") >= 1 && good_reads_after_error < 0)
      good_reads_after_error = good;
    if (good_reads_after_error >= 0 && good > good_reads_after_error) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(empty_answers, 0u) << "a hung child's silence was served as no process";
  ASSERT_GE(good_reads_after_error, 0) << "the silent child was reported " << health;
  EXPECT_GT(processes_count(health, "runs_total") - processes_count(health, "errors_total"),
            good_reads_after_error)
      << "a new child lists the processes again";
  EXPECT_NE(apps_child(server), first) << "the hung child was replaced";
}

}  // namespace
}  // namespace smistat::test

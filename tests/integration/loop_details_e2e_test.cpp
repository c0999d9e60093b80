// Loop mode's streamed `nvidia-smi -q`, end to end: the real smistat against nvidia-smi-replay,
// whose `-q -lms N` prints the recorded document every period, or stops printing when it hangs.
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
          "--refresh-interval", "0.1",
          "--details-interval", "0.3"};
}

const json::value& details_part(const json::value& health) {
  return health.at("collection").at("parts").at("details");
}

std::int64_t details_count(const json::value& health, const char* what) {
  return details_part(health).at(what).as_int64();
}

/** The pid of the server's `-q -lms N` child; -1 when none runs. */
pid_t details_child(const smistat_process& server) {
  const std::string looping_q("\0-q\0-lms\0", 9);
  for (const auto child : children_of(server.pid()))
    if (cmdline_of(child).find(looping_q) != std::string::npos) return child;
  return -1;
}

/** Waits (at most 15 s) for a details child other than `not_this`; -1 when none came. */
pid_t next_details_child(const smistat_process& server, pid_t not_this) {
  for (int i = 0; i < 300; ++i) {
    const auto child = details_child(server);
    if (child > 0 && child != not_this) return child;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

/** GPU 0's PCIe Tx as the GPU Metrics API shows it: -q's 3092 KB/s is 3.0 MB/s; 0 unread. */
double tx_mbps(unsigned short port) {
  return get_json(port, "/gpu")
      .at("gpus")
      .at(0)
      .at("pcie")
      .at("tx_throughput_mbps")
      .to_number<double>();
}

TEST(loop_details, one_long_lived_child_gives_every_document) {
  smistat_process server(loop_args(), {{"NVIDIA_SMI_REPLAY_STATE", "load"}});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", [](const json::value& h) {
    return details_count(h, "runs_total") >= 4;
  });
  ASSERT_GE(details_count(health, "runs_total"), 4);
  EXPECT_EQ(details_count(health, "errors_total"), 0);
  const auto child = details_child(server);
  EXPECT_GT(child, 0) << "a long-lived -q child";
  EXPECT_EQ(tx_mbps(server.port()), 3.0);
  const auto later = poll_json(server.port(), "/health", [&](const json::value& h) {
    return details_count(h, "runs_total") >= details_count(health, "runs_total") + 3;
  });
  EXPECT_GE(details_count(later, "runs_total"), details_count(health, "runs_total") + 3);
  EXPECT_EQ(details_child(server), child) << "the same child printed them";
}

TEST(loop_details, a_details_child_that_dies_is_restarted_and_shows_in_health) {
  smistat_process server(loop_args(), {{"NVIDIA_SMI_REPLAY_STATE", "load"}});
  ASSERT_NE(server.port(), 0);
  poll_json(server.port(), "/health",
            [](const json::value& h) { return details_count(h, "runs_total") >= 2; });
  const auto first = details_child(server);
  ASSERT_GT(first, 0);
  ASSERT_EQ(::kill(first, SIGKILL), 0);

  const auto failed = poll_json(server.port(), "/health", [](const json::value& h) {
    return details_count(h, "errors_total") >= 1;
  });
  EXPECT_EQ(details_part(failed).at("last_error").at("kind"), json::value("killed_by_signal"))
      << details_part(failed);
  EXPECT_GT(next_details_child(server, first), 0) << "a new -q child";
  const auto healed = poll_json(server.port(), "/health", [](const json::value& h) {
    return details_part(h).at("last_error").is_null();
  });
  EXPECT_TRUE(details_part(healed).at("last_error").is_null()) << details_part(healed);
  EXPECT_EQ(healed.at("collection").at("loop").at("restarts"), json::value(0))
      << "the GPU stream is not touched";
  EXPECT_EQ(tx_mbps(server.port()), 3.0);
}

TEST(loop_details, a_details_child_that_hangs_is_reported_and_replaced) {
  // Every loop child hangs after its third batch or document. The -q child, silent for longer
  // than its interval and the collect timeout, is reported with the next sample that finds it
  // so, and replaced; the new one's documents heal the part.
  auto args = loop_args();
  args.insert(args.end(), {"--collect-timeout", "1"});
  smistat_process server(
      args, {{"NVIDIA_SMI_REPLAY_STATE", "load"}, {"NVIDIA_SMI_REPLAY_FAULT", "loop-hang:3"}});
  ASSERT_NE(server.port(), 0);
  poll_json(server.port(), "/health",
            [](const json::value& h) { return details_count(h, "runs_total") >= 1; });
  const auto first = details_child(server);
  ASSERT_GT(first, 0);
  const auto stuck = poll_json(server.port(), "/health", [](const json::value& h) {
    return details_count(h, "errors_total") >= 1;
  });
  ASSERT_GE(details_count(stuck, "errors_total"), 1) << stuck;
  EXPECT_EQ(details_part(stuck).at("last_error").at("kind"), json::value("timed_out"))
      << details_part(stuck);
  EXPECT_GT(next_details_child(server, first), 0) << "the hung child was replaced";
  const auto healed = poll_json(server.port(), "/health", [&](const json::value& h) {
    return details_count(h, "runs_total") - details_count(h, "errors_total") >
           details_count(stuck, "runs_total") - details_count(stuck, "errors_total");
  });
  EXPECT_GT(details_count(healed, "runs_total") - details_count(healed, "errors_total"),
            details_count(stuck, "runs_total") - details_count(stuck, "errors_total"))
      << "the new child's documents are read";
}

}  // namespace
}  // namespace smistat::test

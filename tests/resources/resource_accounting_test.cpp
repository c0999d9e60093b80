// Resource accounting of a long-running smistat: after many nvidia-smi runs killed at their
// deadline and many normal runs, no zombie is left, descriptors and threads are back at their
// baseline, and resident memory is within 10 % of its value after warm-up; every figure is read
// at rest, with the load stopped and no run in flight, as the baseline was.
//
// The issue asks for 1,000 hung and 10,000 normal runs; at the deadline the test can use that
// takes about ten minutes, so the test runs 200 and 2,000 (about a minute) and the counts can be
// raised with SMISTAT_RESOURCE_HUNG_RUNS and SMISTAT_RESOURCE_NORMAL_RUNS
// (bench/resources/run.sh runs the full figures). Release build only (label release_only):
// under ASan the quarantine makes resident memory meaningless.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/fault_switch.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/quiescence.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

long count_from_env(const char* name, long fallback) {
  const char* text = std::getenv(name);
  return text != nullptr ? std::atol(text) : fallback;
}

/** The value of the metric line that starts with `series` in /metrics; -1 when absent. */
double metric(unsigned short port, const std::string& series) {
  std::istringstream lines(http_get(port, "/metrics").body);
  std::string line;
  while (std::getline(lines, line))
    if (line.rfind(series + " ", 0) == 0) return std::atof(line.c_str() + series.size() + 1);
  return -1;
}

/** Clients that each ask for a sample of their own, on demand, until stopped: the server runs
 *  nvidia-smi only while they ask, so it comes to rest when they stop. */
class load {
 public:
  load(unsigned short port, int clients) {
    for (int i = 0; i < clients; ++i)
      threads_.emplace_back([this, port] {
        while (!stop_) {
          try {
            http_get(port, "/gpu/stats");
          } catch (...) {
          }
        }
      });
  }
  ~load() {
    stop_ = true;
    for (auto& t : threads_) t.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

/** Drives the server with clients until `series` reaches `target` (at most `limit`); returns
 *  the value reached once the clients have stopped. */
double drive_until(unsigned short port, const std::string& series, double target,
                   std::chrono::seconds limit) {
  {
    const load clients(port, 4);
    const auto until = std::chrono::steady_clock::now() + limit;
    while (metric(port, series) < target && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(100ms);
  }
  return metric(port, series);
}

TEST(resources, runs_killed_at_the_deadline_and_normal_runs_leave_nothing_behind) {
  const long hung_runs = count_from_env("SMISTAT_RESOURCE_HUNG_RUNS", 200);
  const long normal_runs = count_from_env("SMISTAT_RESOURCE_NORMAL_RUNS", 2000);
  const fault_switch nvidia_smi(machine_dir("synthetic-8x-h100__590.48.01"));
  // On demand with interval 0: every request runs nvidia-smi, and nothing runs unasked, so
  // every count below is taken at rest.
  smistat_process server({"--nvidia-smi", nvidia_smi.program().string(), "--collect-mode",
                          "on-demand", "--refresh-interval", "0", "--collect-timeout", "0.1",
                          "--details-interval", "0", "--no-access-log"});
  ASSERT_NE(server.port(), 0);
  const pid_t pid = server.pid();
  const std::string runs = "smistat_collect_runs_total";
  const std::string timeouts = "smistat_collect_errors_total{kind=\"timed_out\"}";

  // Warm-up: a few hundred runs and requests, so caches, arenas and the reactor are at size.
  ASSERT_GE(drive_until(server.port(), runs, 300, 120s), 300);
  const holdings baseline = holdings_at_rest(server, 0);

  nvidia_smi.set("hang");
  const double timeouts_before = std::max(0.0, metric(server.port(), timeouts));
  EXPECT_GE(drive_until(server.port(), timeouts, timeouts_before + static_cast<double>(hung_runs),
                        std::chrono::seconds(30 + hung_runs)),
            timeouts_before + static_cast<double>(hung_runs));
  nvidia_smi.clear();
  const double runs_before = metric(server.port(), runs);
  EXPECT_GE(drive_until(server.port(), runs, runs_before + static_cast<double>(normal_runs),
                        std::chrono::seconds(60 + normal_runs / 10)),
            runs_before + static_cast<double>(normal_runs));

  const holdings after = holdings_at_rest(server, 0);
  std::printf(
      "resources at rest before and after %ld hung and %ld normal runs: descriptors %zu -> %zu, "
      "children %zu -> %zu, threads %zu -> %zu, VmRSS %zu -> %zu KiB\n",
      hung_runs, normal_runs, baseline.descriptors, after.descriptors, baseline.children,
      after.children, baseline.threads, after.threads, baseline.rss_kib, after.rss_kib);
  EXPECT_FALSE(has_zombie_children(pid));
  EXPECT_EQ(after.children, 0u);
  EXPECT_LE(after.descriptors, baseline.descriptors);
  EXPECT_EQ(after.threads, baseline.threads);
  EXPECT_LE(static_cast<double>(after.rss_kib), 1.10 * static_cast<double>(baseline.rss_kib));
  EXPECT_GE(static_cast<double>(after.rss_kib), 0.90 * static_cast<double>(baseline.rss_kib));
}

TEST(resources, sigterm_under_full_load_exits_0_within_a_second_with_no_nvidia_smi_left) {
  // Full load: a run that ignores SIGTERM always in flight, and clients hammering the server.
  smistat_process server(
      {"--replay", machine_dir("synthetic-8x-h100__590.48.01").string(), "--refresh-interval",
       "0.01", "--collect-timeout", "600", "--no-access-log"},
      {{"NVIDIA_SMI_REPLAY_FAULT", "hang-ignore-term"}});
  ASSERT_NE(server.port(), 0);
  const pid_t pid = server.pid();
  std::set<pid_t> runs;
  for (int i = 0; i < 200 && runs.empty(); ++i) {
    for (const pid_t kid : children_of(pid)) runs.insert(kid);
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_FALSE(runs.empty()) << "no nvidia-smi in flight";
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i)
    clients.emplace_back([&] {
      while (!stop) {
        try {
          http_get(server.port(), "/gpu/stats");
        } catch (...) {
        }
      }
    });
  std::this_thread::sleep_for(500ms);
  const auto start = std::chrono::steady_clock::now();
  const int status = server.stop(SIGTERM, 5s);
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stop = true;
  for (auto& t : clients) t.join();
  std::printf("SIGTERM under load: exit after %.3f s\n", took);
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // The goal is 1 s (the figure is in bench/RESULTS.md); the bound only catches an exit that
  // waits for something: before requests waiting for a first sample were released, it never
  // came at all.
  EXPECT_LT(took, 4.0);
  for (const pid_t run : runs) {
    std::ifstream stat("/proc/" + std::to_string(run) + "/stat");
    std::string line;
    const bool present = static_cast<bool>(std::getline(stat, line));
    const auto close = line.rfind(')');
    EXPECT_FALSE(present && close != std::string::npos && line.at(close + 2) != 'Z')
        << "nvidia-smi " << run << " outlived smistat";
  }
}

}  // namespace
}  // namespace smistat::test

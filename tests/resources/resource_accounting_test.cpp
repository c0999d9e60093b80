// Resource accounting of a long-running smistat: after many nvidia-smi runs killed at their
// deadline and many normal runs, no zombie is left, descriptors and threads are back at their
// baseline, and resident memory is within 10 % of its value after warm-up.
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

#include "tests/config/temp_dir.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

long count_from_env(const char* name, long fallback) {
  const char* text = std::getenv(name);
  return text != nullptr ? std::atol(text) : fallback;
}

/** A field of /proc/<pid>/status ("Threads", "VmRSS"), as its leading number. */
long status_field(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
  return -1;
}

long open_descriptors(pid_t pid) {
  long n = 0;
  std::error_code ec;
  for (fs::directory_iterator it("/proc/" + std::to_string(pid) + "/fd", ec), end; !ec && it != end;
       it.increment(ec))
    ++n;
  return n;
}

std::set<pid_t> zombie_children(pid_t parent) {
  std::set<pid_t> zombies;
  for (const pid_t kid : children_of(parent)) {
    std::ifstream stat("/proc/" + std::to_string(kid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    if (close != std::string::npos && line.at(close + 2) == 'Z') zombies.insert(kid);
  }
  return zombies;
}

/** The value of the metric line that starts with `series` in /metrics; -1 when absent. */
double metric(unsigned short port, const std::string& series) {
  std::istringstream lines(http_get(port, "/metrics").body);
  std::string line;
  while (std::getline(lines, line))
    if (line.rfind(series + " ", 0) == 0) return std::atof(line.c_str() + series.size() + 1);
  return -1;
}

/** What the process holds when no run is in flight: the least seen over a few samples (a run
 *  in flight holds two pipes and a pidfd for a moment). */
struct holdings {
  long descriptors = 0;
  long threads = 0;
  long rss_kib = 0;
};

holdings settled(pid_t pid) {
  holdings h{1L << 30, 1L << 30, 0};
  for (int i = 0; i < 40; ++i) {
    h.descriptors = std::min(h.descriptors, open_descriptors(pid));
    h.threads = std::min(h.threads, status_field(pid, "Threads"));
    h.rss_kib = status_field(pid, "VmRSS");
    std::this_thread::sleep_for(25ms);
  }
  return h;
}

/** Waits until `series` reaches `target` (at most `limit`); returns the value reached. */
double wait_for_metric(unsigned short port, const std::string& series, double target,
                       std::chrono::seconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  double value = metric(port, series);
  while (value < target && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(100ms);
    value = metric(port, series);
  }
  return value;
}

TEST(resources, runs_killed_at_the_deadline_and_normal_runs_leave_nothing_behind) {
  const long hung_runs = count_from_env("SMISTAT_RESOURCE_HUNG_RUNS", 200);
  const long normal_runs = count_from_env("SMISTAT_RESOURCE_NORMAL_RUNS", 2000);
  const test::temp_dir dir;
  // nvidia-smi is the replayer behind a switch: while the file `fault` exists, runs get the
  // fault it names. The shell execs the replayer, so the run's pid is the replayer's.
  const auto wrapper = dir.path() / "nvidia-smi";
  std::ofstream(wrapper) << "#!/bin/sh\n"
                         << "if [ -f '" << (dir.path() / "fault").string() << "' ]; then\n"
                         << "  read -r NVIDIA_SMI_REPLAY_FAULT < '"
                         << (dir.path() / "fault").string()
                         << "'\n  export NVIDIA_SMI_REPLAY_FAULT\nfi\n"
                         << "exec '" << (bin_dir() / "nvidia-smi-replay").string() << "' \"$@\"\n";
  fs::permissions(wrapper, fs::perms::owner_all);
  smistat_process server(
      {"--nvidia-smi", wrapper.string(), "--refresh-interval", "0.01", "--collect-timeout", "0.1",
       "--details-interval", "0", "--no-access-log"},
      {{"NVIDIA_SMI_REPLAY_DIR", machine_dir("synthetic-8x-h100__590.48.01").string()}});
  ASSERT_NE(server.port(), 0);
  const pid_t pid = server.pid();
  const std::string runs = "smistat_collect_runs_total";
  const std::string timeouts = "smistat_collect_errors_total{kind=\"timed_out\"}";

  // Warm-up: a few hundred runs and requests, so caches, arenas and the reactor are at size.
  ASSERT_GE(wait_for_metric(server.port(), runs, 300, 120s), 300);
  for (int i = 0; i < 50; ++i) http_get(server.port(), "/gpu/stats");
  const holdings baseline = settled(pid);

  std::ofstream(dir.path() / "fault") << "hang\n";
  const double timeouts_before = std::max(0.0, metric(server.port(), timeouts));
  EXPECT_GE(
      wait_for_metric(server.port(), timeouts, timeouts_before + static_cast<double>(hung_runs),
                      std::chrono::seconds(30 + hung_runs)),
      timeouts_before + static_cast<double>(hung_runs));
  fs::remove(dir.path() / "fault");
  const double runs_before = metric(server.port(), runs);
  EXPECT_GE(wait_for_metric(server.port(), runs, runs_before + static_cast<double>(normal_runs),
                            std::chrono::seconds(60 + normal_runs / 10)),
            runs_before + static_cast<double>(normal_runs));
  for (int i = 0; i < 50; ++i) http_get(server.port(), "/gpu/stats");

  const holdings after = settled(pid);
  // A zombie seen twice, half a second apart, was never reaped.
  const auto zombies_first = zombie_children(pid);
  std::this_thread::sleep_for(500ms);
  std::set<pid_t> lasting;
  for (const pid_t z : zombie_children(pid))
    if (zombies_first.count(z)) lasting.insert(z);
  std::printf(
      "resources after %ld hung and %ld normal runs: descriptors %ld -> %ld, threads %ld -> "
      "%ld, VmRSS %ld -> %ld KiB\n",
      hung_runs, normal_runs, baseline.descriptors, after.descriptors, baseline.threads,
      after.threads, baseline.rss_kib, after.rss_kib);
  EXPECT_TRUE(lasting.empty()) << lasting.size() << " zombie children";
  // Runs are always in flight at this interval, so even the lowest count seen over a second may
  // hold a run's pipes: a leak shows as growth, and fewer than the baseline is no leak.
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

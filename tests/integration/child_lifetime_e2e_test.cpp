// No nvidia-smi outlives smistat: each run leads its own process group, so nothing but the
// kernel's parent-death signal ends one whose parent was killed with SIGKILL or crashed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

const std::string eight_gpus = "synthetic-8x-h100__590.48.01";

/** Alive: /proc has it and it is not a zombie (a zombie has ended; it waits for its reaper). */
bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  const auto close = line.rfind(')');
  return close != std::string::npos && line.at(close + 2) != 'Z';
}

/** Children of `parent` whose command line holds `word`, polled until one appears (15 s). */
std::vector<pid_t> wait_for_children_running(pid_t parent, const std::string& word) {
  for (int i = 0; i < 300; ++i) {
    std::vector<pid_t> found;
    for (const pid_t kid : children_of(parent))
      if (cmdline_of(kid).find(word) != std::string::npos) found.push_back(kid);
    if (!found.empty()) return found;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return {};
}

TEST(child_lifetime, a_hung_nvidia_smi_dies_with_smistat_killed_by_sigkill) {
  // The query hangs and ignores SIGTERM; the deadline is far away, so the run is in flight
  // when smistat dies.
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--collect-timeout", "600"},
                         {{"NVIDIA_SMI_REPLAY_FAULT", "hang-ignore-term"}});
  ASSERT_NE(server.port(), 0);
  const auto hung = wait_for_children_running(server.pid(), "--query-gpu");
  ASSERT_FALSE(hung.empty()) << "no nvidia-smi query in flight\n" << server.log();
  const int status = server.stop(SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
  // The kernel signals the child as its parent dies; give it time to be scheduled.
  for (const pid_t pid : hung) {
    bool gone = false;
    for (int i = 0; i < 200 && !gone; ++i) {
      gone = !alive(pid);
      if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(gone) << "nvidia-smi " << pid << " outlived smistat";
    if (!gone) ::kill(pid, SIGKILL);  // do not leave it to the rest of the suite
  }
}

}  // namespace
}  // namespace smistat::test

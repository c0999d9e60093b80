// Listing pids: whole, or on procfs only from the highest one listed before, which finds a
// process started since without the kernel walking every older one again.
#include "src/system/process_id_lister.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/system/host_tree.hpp"

namespace smistat::system {
namespace {

bool lists(const std::vector<std::int64_t>& pids, std::int64_t pid) {
  return std::find(pids.begin(), pids.end(), pid) != pids.end();
}

/** A child that waits to be killed, reaped when this goes. */
class sleeping_child {
 public:
  sleeping_child() : pid_(::fork()) {
    if (pid_ == 0) {
      ::pause();
      ::_exit(0);
    }
  }
  ~sleeping_child() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_;
};

/** The last pid the kernel gave out, from /proc/loadavg's last field. */
std::int64_t last_given_pid() {
  std::ifstream loadavg("/proc/loadavg");
  std::string field, last;
  while (loadavg >> field) last = field;
  return std::stoll(last);
}

TEST(ProcessIdLister, OnProcfsNewerListsTheProcessesStartedSince) {
  process_id_lister lister("/proc");
  const std::int64_t given_before = last_given_pid();
  const auto everything = lister.all();
  ASSERT_TRUE(lists(everything, 1));
  ASSERT_TRUE(lists(everything, ::getpid()));

  const sleeping_child child;
  ASSERT_GT(child.pid(), 0);
  if (child.pid() < given_before) GTEST_SKIP() << "the kernel's pids wrapped around just now";
  const auto newer = lister.newer();
  EXPECT_TRUE(lists(newer, child.pid()));
  EXPECT_FALSE(lists(newer, 1)) << "newer() listed all of /proc again";
  EXPECT_LT(newer.size(), everything.size());
  // And again: a process started since is listed, pid 1 still not.
  const sleeping_child later;
  ASSERT_GT(later.pid(), 0);
  const auto again = lister.newer();
  EXPECT_TRUE(lists(again, later.pid()));
  EXPECT_FALSE(lists(again, 1));
  // The listing restarts at the newest process the last call saw started before it. That is
  // the child unless the first call saw a newer one: on a busy machine (another test suite
  // running) processes start between any two lines here.
  const bool child_was_newest =
      std::none_of(newer.begin(), newer.end(), [&](std::int64_t pid) { return pid > child.pid(); });
  if (child_was_newest) {
    EXPECT_TRUE(lists(again, child.pid()));
  }
}

TEST(ProcessIdLister, ElsewhereNewerListsEverythingEveryTime) {
  const test::scratch_root root(test::host_tree("synthetic-workstation") / "etc");
  const auto dir = root.path() / "pids";
  std::filesystem::create_directory(dir);
  for (const char* name : {"100", "7", "self", "0", "12x"})
    std::filesystem::create_directory(dir / name);
  process_id_lister lister(dir);
  auto first = lister.newer();
  std::sort(first.begin(), first.end());
  EXPECT_EQ(first, (std::vector<std::int64_t>{7, 100}));

  std::filesystem::create_directory(dir / "3");
  auto second = lister.newer();
  std::sort(second.begin(), second.end());
  EXPECT_EQ(second, (std::vector<std::int64_t>{3, 7, 100}));
}

TEST(ProcessIdLister, AFolderThatCannotBeOpenedListsNothing) {
  process_id_lister lister("/nonexistent/proc");
  EXPECT_TRUE(lister.all().empty());
  EXPECT_TRUE(lister.newer().empty());
}

}  // namespace
}  // namespace smistat::system

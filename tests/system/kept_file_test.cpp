// kept_file: a /proc file stays open and reads fresh; other files are opened for every reading;
// a process's file fails once the process has ended, and opens again afterwards.
#include "src/system/kept_file.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/system/host_tree.hpp"

namespace smistat::system {
namespace {

TEST(kept_file, a_proc_file_stays_open_and_reads_what_the_kernel_writes_now) {
  kept_file uptime("/proc/uptime");  // seconds since boot, in hundredths
  const auto first = uptime.read();
  ASSERT_TRUE(first);
  EXPECT_TRUE(uptime.kept());
  const std::string before(*first);
  std::string now = before;
  for (int round = 0; round < 500 && now == before; ++round) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    now = std::string(uptime.read().value_or(""));
  }
  EXPECT_NE(now, before);
  EXPECT_TRUE(uptime.kept());
}

TEST(kept_file, a_file_on_disk_is_opened_for_every_reading) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  kept_file meminfo(root.path() / "proc/meminfo");
  ASSERT_TRUE(meminfo.read());
  EXPECT_FALSE(meminfo.kept());
  // Replaced, not rewritten in place: a kept descriptor would still read the old file.
  root.write("proc/meminfo.new", "MemTotal: 42 kB\n");
  std::filesystem::rename(root.path() / "proc/meminfo.new", root.path() / "proc/meminfo");
  EXPECT_EQ(meminfo.read().value_or(""), "MemTotal: 42 kB\n");
}

TEST(kept_file, a_missing_file_reads_nothing_until_it_appears) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  kept_file file(root.path() / "proc/not-yet");
  EXPECT_FALSE(file.read());
  root.write("proc/not-yet", "here\n");
  EXPECT_EQ(file.read().value_or(""), "here\n");
}

TEST(kept_file, a_long_file_is_read_whole_and_a_limit_cuts_it) {
  test::scratch_root root(test::host_tree("synthetic-workstation"));
  const std::string long_text(10'000, 'x');
  root.write("proc/long", long_text);
  kept_file whole(root.path() / "proc/long");
  EXPECT_EQ(whole.read().value_or("").size(), long_text.size());
  kept_file cut(root.path() / "proc/long", 5000);
  EXPECT_EQ(cut.read().value_or("").size(), 5000u);
}

TEST(kept_file, an_ended_process_fails_and_never_reads_as_another) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    for (;;) ::pause();
  }
  kept_file status("/proc/" + std::to_string(child) + "/status");
  const auto alive = status.read();
  ASSERT_TRUE(alive);
  EXPECT_NE(alive->find("Pid:\t" + std::to_string(child)), std::string_view::npos);
  ASSERT_TRUE(status.kept());
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  EXPECT_FALSE(status.read());  // ESRCH through the kept descriptor
  EXPECT_FALSE(status.kept());
  EXPECT_FALSE(status.read());  // and the path is gone too
}

TEST(kept_file, moved_files_keep_their_descriptor) {
  kept_file first("/proc/self/stat");
  ASSERT_TRUE(first.read());
  kept_file second(std::move(first));
  EXPECT_TRUE(second.kept());
  EXPECT_TRUE(second.read());
  kept_file third("/proc/meminfo");
  third = std::move(second);
  EXPECT_TRUE(third.kept());
  EXPECT_EQ(third.path(), "/proc/self/stat");
}

}  // namespace
}  // namespace smistat::system

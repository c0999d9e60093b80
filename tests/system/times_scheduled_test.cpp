// The schedstat run count: loop mode trusts a silent process-list child only while it grows.
#include "src/system/times_scheduled.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>

namespace smistat::system {
namespace {

TEST(times_scheduled, the_third_figure_of_three_is_the_count) {
  EXPECT_EQ(parse_times_scheduled("1234567 89012 42\n"), 42u);
  EXPECT_FALSE(parse_times_scheduled("1234567 89012\n"));
  EXPECT_FALSE(parse_times_scheduled("1234567 89012 42 7\n"));
  EXPECT_FALSE(parse_times_scheduled("1234567 -1 42\n"));
  EXPECT_FALSE(parse_times_scheduled(""));
}

TEST(times_scheduled, a_process_that_sleeps_and_wakes_is_counted_again) {
  const auto before = times_scheduled(::getpid());
  if (!before) GTEST_SKIP() << "this kernel keeps no schedstat";
  // Each sleep takes this thread off the CPU; waking puts it back on: one more timeslice.
  for (int i = 0; i < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto after = times_scheduled(::getpid());
  ASSERT_TRUE(after);
  EXPECT_GE(*after, *before + 3);
}

char state_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const auto close = text.rfind(')');
  return close == std::string::npos || close + 2 >= text.size() ? '?' : text[close + 2];
}

/** A child that waits in pause() for ever, once it is asleep there; -1 when fork fails. */
pid_t sleeping_child() {
  const pid_t child = ::fork();
  if (child == 0) {
    for (;;) ::pause();
  }
  if (child > 0)
    while (state_of(child) != 'S') std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return child;
}

TEST(times_scheduled, a_paused_process_stands_still) {
  if (!times_scheduled(::getpid())) GTEST_SKIP() << "this kernel keeps no schedstat";
  const pid_t child = sleeping_child();
  ASSERT_GE(child, 0);
  const auto paused = times_scheduled(child);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto later = times_scheduled(child);
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  ASSERT_TRUE(paused);
  EXPECT_EQ(later, paused);
}

TEST(times_scheduled, no_process_no_count) {
  EXPECT_FALSE(times_scheduled(0));
  EXPECT_FALSE(times_scheduled(::getpid(), "/nonexistent-procfs"));
  times_scheduled_reader reader("/nonexistent-procfs");
  EXPECT_FALSE(reader(::getpid()));
  EXPECT_FALSE(times_scheduled_reader()(0));
}

TEST(times_scheduled, the_reader_follows_one_pid_then_another) {
  if (!times_scheduled(::getpid())) GTEST_SKIP() << "this kernel keeps no schedstat";
  times_scheduled_reader reader;
  const auto before = reader(::getpid());
  ASSERT_TRUE(before);
  for (int i = 0; i < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto after = reader(::getpid());  // through the kept file
  ASSERT_TRUE(after);
  EXPECT_GE(*after, *before + 3);

  const pid_t child = sleeping_child();
  ASSERT_GE(child, 0);
  const auto paused = reader(child);
  EXPECT_EQ(paused, times_scheduled(child));
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  EXPECT_FALSE(reader(child));  // ended: no count, never another process's
  EXPECT_TRUE(reader(::getpid()));
}

}  // namespace
}  // namespace smistat::system

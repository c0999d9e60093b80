// Every launch method gives the child the same start: its own group, only stdio, default signals,
// and a spawn failure reported with no child left behind.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <ostream>
#include <sstream>

#include "bench/launchers/launchers.hpp"
#include "src/runner/process_runner.hpp"
#include "tests/runner/child_checks.hpp"
#include "tests/runner/run_sync.hpp"

namespace smistat::runner {

namespace {

/** smistat's launcher and the two it is measured against. */
struct launch_method {
  const char* name;
  launch_function launch;
};

/** For gtest: the method's name in test names and messages. */
void PrintTo(const launch_method& method, std::ostream* out) { *out << method.name; }

using namespace std::chrono_literals;
using test::run_sync;
using test::script;
using ::testing::HasSubstr;

class launch_method_test : public ::testing::TestWithParam<launch_method> {
 protected:
  run_result run(std::string program, std::vector<std::string> args = {},
                 std::chrono::milliseconds timeout = 2s) const {
    run_request r;
    r.program = std::move(program);
    r.args = std::move(args);
    r.timeout = timeout;
    auto options = test::quick_options();
    options.launch = GetParam().launch;
    return run_sync(r, options);
  }
};

TEST_P(launch_method_test, the_child_leads_its_own_group_and_inherits_only_stdio) {
  // Not close-on-exec, like sockets some other part of the service might open; one of them
  // far above the others, so a close that stops at the first gap would miss it.
  const int stray = ::open("/dev/null", O_RDONLY);
  ASSERT_GE(stray, 0);
  const int high = ::dup2(stray, 900);
  ASSERT_EQ(high, 900);
  const auto r = run(script("show-group-and-fds.sh"));
  ::close(high);
  ::close(stray);
  ASSERT_TRUE(r.ok()) << to_string(r.outcome) << r.spawn_error << r.err;
  std::istringstream lines(r.out);
  int pid = 0;
  int group = 0;
  lines >> pid >> group;
  EXPECT_EQ(pid, r.pid);
  EXPECT_EQ(group, r.pid) << "the child is not the leader of its own process group";
  EXPECT_NE(group, ::getpgrp());
  std::string fds;
  lines.ignore(1);
  std::getline(lines, fds);
  EXPECT_EQ(fds, "0 1 2 3 ");  // 3 is ls's own handle on /proc/self/fd
  EXPECT_TRUE(test::no_children_left());
}

TEST_P(launch_method_test, output_and_exit_code_come_back) {
  const auto r = run(script("echo-both.sh"), {"out", "err", "4"});
  EXPECT_EQ(r.outcome, run_outcome::exited);
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.out, "out");
  EXPECT_EQ(r.err, "err");
  EXPECT_TRUE(test::no_children_left());
}

TEST_P(launch_method_test, spawn_failures_carry_the_errno_text_and_leave_no_child) {
  const struct {
    std::string program;
    const char* message;
  } cases[] = {
      {"/nonexistent/nvidia-smi", "/nonexistent/nvidia-smi: No such file or directory"},
      {(smistat::test::fixtures_dir() / "README.md").string(), "README.md: Permission denied"},
      {smistat::test::fixtures_dir().string(), "Permission denied"},
  };
  for (const auto& c : cases) {
    const auto r = run(c.program);
    EXPECT_EQ(r.outcome, run_outcome::spawn_failed) << c.program;
    EXPECT_THAT(r.spawn_error, HasSubstr(c.message));
    EXPECT_EQ(r.pid, -1);
  }
  EXPECT_TRUE(test::no_children_left());
}

TEST_P(launch_method_test, a_sigterm_ignored_in_the_service_still_ends_the_child) {
  struct sigaction ignore {};
  struct sigaction previous {};
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(::sigaction(SIGTERM, &ignore, &previous), 0);
  const auto r = run("sleep", {"30"}, 200ms);
  ::sigaction(SIGTERM, &previous, nullptr);
  EXPECT_EQ(r.outcome, run_outcome::timed_out);
  EXPECT_EQ(r.signal, SIGTERM);
  EXPECT_TRUE(test::no_children_left());
}

INSTANTIATE_TEST_SUITE_P(methods, launch_method_test,
                         ::testing::Values(launch_method{"vfork", &launch_with_vfork},
                                           launch_method{"posix_spawn",
                                                         &bench::launch_with_posix_spawn},
                                           launch_method{"fork", &bench::launch_with_fork}),
                         [](const auto& p) { return ::testing::PrintToString(p.param); });

}  // namespace
}  // namespace smistat::runner

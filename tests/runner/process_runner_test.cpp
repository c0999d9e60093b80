#include "src/runner/process_runner.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/runner/child_checks.hpp"
#include "tests/runner/run_sync.hpp"

namespace smistat::runner {
namespace {

namespace fs = std::filesystem;
using test::run_sync;
using test::script;
using ::testing::HasSubstr;

run_request request_for(std::string program, std::vector<std::string> args = {}) {
  run_request r;
  r.program = std::move(program);
  r.args = std::move(args);
  r.timeout = std::chrono::seconds(2);
  return r;
}

TEST(process_runner, captures_stdout_stderr_and_the_exit_code) {
  const struct {
    std::string out, err, code;
    int expected_code;
  } cases[] = {
      {"hello", "", "0", 0},
      {"", "warning", "0", 0},
      {"both out", "both err", "3", 3},
      {"line1\nline2\n", "e1\ne2\n", "255", 255},
      {"", "", "1", 1},
  };
  for (const auto& c : cases) {
    const auto r = run_sync(request_for(script("echo-both.sh"), {c.out, c.err, c.code}));
    EXPECT_EQ(r.outcome, run_outcome::exited) << c.code;
    EXPECT_EQ(r.exit_code, c.expected_code);
    EXPECT_EQ(r.ok(), c.expected_code == 0);
    EXPECT_EQ(r.out, c.out);
    EXPECT_EQ(r.err, c.err);
    EXPECT_GT(r.pid, 0);
    EXPECT_TRUE(test::not_our_child(r.pid));
  }
  EXPECT_TRUE(test::no_children_left());
}

TEST(process_runner, arguments_are_passed_verbatim_without_a_shell) {
  const std::string tricky = "$(echo injected); `id` * ' \" | > /tmp/x";
  const auto r = run_sync(request_for(script("echo-both.sh"), {tricky, "", "0"}));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.out, tricky);
}

TEST(process_runner, bare_program_names_are_found_on_path) {
  const auto r = run_sync(request_for("head", {"-c", "5", "/dev/zero"}));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.out, std::string(5, '\0'));
}

TEST(process_runner, a_full_stderr_pipe_does_not_block_stdout) {
  auto request = request_for(script("stderr-flood.sh"), {"300000"});
  const auto r = run_sync(request);
  EXPECT_TRUE(r.ok()) << to_string(r.outcome);
  EXPECT_EQ(r.err.size(), 300000u);
  EXPECT_EQ(r.out, "done\n");
}

TEST(process_runner, stdin_is_empty) {
  const auto r = run_sync(request_for("head", {"-c", "10"}));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.out, "");
}

TEST(process_runner, death_by_a_foreign_signal_is_reported) {
  const auto r = run_sync(request_for(script("kill-self.sh")));
  EXPECT_EQ(r.outcome, run_outcome::killed_by_signal);
  EXPECT_EQ(r.signal, SIGUSR1);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_EQ(r.out, "before\n");
  EXPECT_FALSE(r.cancelled);
  EXPECT_TRUE(test::no_children_left());
}

TEST(process_runner, output_past_the_cap_kills_the_child) {
  const struct {
    const char* name;
    run_request request;
    bool on_stderr;
  } cases[] = {
      {"stdout", request_for("head", {"-c", "10000000", "/dev/zero"}), false},
      {"stderr", request_for(script("stderr-flood.sh"), {"10000000"}), true},
  };
  for (auto c : cases) {
    c.request.max_output_bytes = 64 * 1024;
    const auto r = run_sync(c.request);
    EXPECT_EQ(r.outcome, run_outcome::output_too_large) << c.name;
    EXPECT_EQ((c.on_stderr ? r.err : r.out).size(), 64u * 1024u) << c.name;
    EXPECT_EQ(r.signal, SIGKILL) << c.name;
    EXPECT_TRUE(test::not_our_child(r.pid)) << c.name;
  }
  EXPECT_TRUE(test::no_children_left());
}

TEST(process_runner, output_exactly_at_the_cap_is_accepted) {
  auto request = request_for(script("echo-both.sh"), {"abcd", "wxyz", "0"});
  request.max_output_bytes = 4;
  const auto r = run_sync(request);
  EXPECT_TRUE(r.ok()) << to_string(r.outcome);
  EXPECT_EQ(r.out, "abcd");
  EXPECT_EQ(r.err, "wxyz");
}

class spawn_failure_test : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("smistat-spawn-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "plain.txt") << "#!/bin/sh\necho hi\n";
    fs::permissions(dir_ / "plain.txt", fs::perms::owner_read | fs::perms::owner_write);
    std::ofstream(dir_ / "no-shebang") << "echo hi\n";
    fs::permissions(dir_ / "no-shebang", fs::perms::owner_all);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(spawn_failure_test, each_cause_is_reported_with_its_reason) {
  const struct {
    std::string program;
    const char* message;
  } cases[] = {
      {"smistat-no-such-program", "smistat-no-such-program: not found in PATH"},
      {"", "empty program name"},
      {"/nonexistent/nvidia-smi", "/nonexistent/nvidia-smi: No such file or directory"},
      {(dir_ / "plain.txt").string(), "Permission denied"},
      {dir_.string(), "Permission denied"},
      {(dir_ / "no-shebang").string(), "Exec format error"},
  };
  for (const auto& c : cases) {
    const auto r = run_sync(request_for(c.program));
    EXPECT_EQ(r.outcome, run_outcome::spawn_failed) << c.program;
    EXPECT_THAT(r.spawn_error, HasSubstr(c.message)) << c.program;
    EXPECT_EQ(r.pid, -1);
    EXPECT_FALSE(r.ok());
  }
  EXPECT_TRUE(test::no_children_left());  // children whose exec failed are reaped too
}

}  // namespace
}  // namespace smistat::runner

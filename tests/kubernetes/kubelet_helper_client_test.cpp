// The client that runs smistat-kubelet, against stand-in helpers (shell scripts) that answer,
// fail, hang, print garbage or are missing, with the real process runner; and the real helper's
// own refusal of bad arguments.
#include "src/app/kubelet_helper_client.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <future>
#include <thread>

#include "src/kubernetes/pod_devices_wire.hpp"
#include "src/runner/process_runner.hpp"
#include "tests/config/temp_dir.hpp"

namespace smistat::app {
namespace {

using namespace std::chrono_literals;

class kubelet_helper_client_test : public ::testing::Test {
 protected:
  kubelet_helper_client_test() : thread_([this] { io_.run(); }) {}
  ~kubelet_helper_client_test() override {
    runner_.cancel_all();
    work_.reset();
    thread_.join();
  }

  /** A stand-in helper: a shell script with `body`, executable. */
  std::filesystem::path helper(std::string_view body) {
    const auto path = dir_.write("helper", "#!/bin/sh\n" + std::string(body) + "\n");
    ::chmod(path.c_str(), 0755);
    return path;
  }

  kubernetes::list_outcome list(const std::filesystem::path& helper_path,
                                std::chrono::milliseconds deadline = 5s) {
    return make_kubelet_helper_client(runner_, "/run/kubelet.sock", helper_path)->list(deadline);
  }

  test::temp_dir dir_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(io_);
  runner::process_runner runner_{io_.get_executor()};
  std::thread thread_;
};

TEST_F(kubelet_helper_client_test, the_helpers_list_is_the_answer) {
  const kubernetes::pod_devices devices{{"ml", "train-0", "trainer", "nvidia.com/gpu", {"GPU-a"}}};
  const auto answer = dir_.write("answer", kubernetes::encode_pod_devices(devices));
  // The socket and deadline reach the helper as its two arguments.
  const auto outcome =
      list(helper("[ \"$1 $2\" = '/run/kubelet.sock 5000' ] || exit 3\n"
                  "cat '" +
                  answer.string() + "'"));
  ASSERT_TRUE(outcome.devices) << outcome.error;
  EXPECT_EQ(*outcome.devices, devices);
}

TEST_F(kubelet_helper_client_test, a_failed_call_gives_the_helpers_first_line) {
  const auto outcome =
      list(helper("echo 'socket missing: /run/kubelet.sock' >&2\n"
                  "echo 'second line' >&2\nexit 1"));
  EXPECT_FALSE(outcome.devices);
  EXPECT_EQ(outcome.error, "socket missing: /run/kubelet.sock");
}

TEST_F(kubelet_helper_client_test, garbage_on_stdout_is_an_error_not_an_empty_list) {
  const auto outcome = list(helper("echo 'not a list'"));
  EXPECT_FALSE(outcome.devices);
  EXPECT_EQ(outcome.error, "the Kubernetes helper answered an undecodable list");
}

TEST_F(kubelet_helper_client_test, a_missing_helper_is_named) {
  const auto outcome = list(dir_.path() / "no-such-helper");
  EXPECT_FALSE(outcome.devices);
  EXPECT_NE(outcome.error.find("cannot run the Kubernetes helper"), std::string::npos)
      << outcome.error;
  EXPECT_NE(outcome.error.find("no-such-helper"), std::string::npos) << outcome.error;
}

TEST_F(kubelet_helper_client_test, a_hanging_helper_is_killed_after_the_deadline) {
  const auto outcome = list(helper("exec sleep 600"), 100ms);
  EXPECT_FALSE(outcome.devices);
  EXPECT_EQ(outcome.error, "the kubelet did not answer within 100 ms");
}

TEST_F(kubelet_helper_client_test, a_crashing_helper_is_reported_with_its_signal) {
  const auto outcome = list(helper("kill -SEGV $$"));
  EXPECT_FALSE(outcome.devices);
  EXPECT_EQ(outcome.error, "the Kubernetes helper ended: killed_by_signal (signal 11)");
}

TEST_F(kubelet_helper_client_test, cancel_returns_the_call_in_flight_and_refuses_later_ones) {
  auto client = make_kubelet_helper_client(runner_, "/run/kubelet.sock", helper("exec sleep 600"));
  auto call = std::async(std::launch::async, [&] { return client->list(600s); });
  // Cancel until the call has returned: whether it was already in flight or not, it must end.
  while (call.wait_for(10ms) != std::future_status::ready) client->cancel();
  EXPECT_EQ(call.get().error, "cancelled");
  EXPECT_EQ(client->list(600s).error, "cancelled");
}

/** The exit status and stderr of the real helper (built beside the tests' bin/) run with `args`. */
std::pair<int, std::string> run_helper(const std::string& args) {
  const auto command = kubelet_helper_path().string() + " " + args + " 2>&1 >/dev/null";
  std::string err;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) err += buffer;
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, err};
}

TEST(kubelet_helper, refuses_bad_arguments_with_its_usage) {
  for (const auto* args : {"", "/run/kubelet.sock", "/run/kubelet.sock 10s", "/s 0", "/s 1 2"}) {
    const auto [status, err] = run_helper(args);
    EXPECT_EQ(status, 2) << args;
    EXPECT_EQ(err, "usage: smistat-kubelet SOCKET DEADLINE_MS\n") << args;
  }
}

TEST(kubelet_helper, a_missing_socket_is_one_line_and_exit_1) {
  const test::temp_dir dir;
  const auto socket = (dir.path() / "kubelet.sock").string();
  const auto [status, err] = run_helper(socket + " 1000");
  EXPECT_EQ(status, 1);
  EXPECT_EQ(err, "socket missing: " + socket + "\n");
}

}  // namespace
}  // namespace smistat::app

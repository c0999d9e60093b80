// A bad environment around the real binary: an nvidia-smi that cannot be run (a directory, a
// file without execute permission, a script whose interpreter is missing) and a port already in
// use. The first are served as "nvidia-smi missing" with a message that says what is wrong; the
// last stops start-up with one line and a non-zero exit.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/config/temp_dir.hpp"
#include "tests/integration/e2e_probes.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

namespace fs = std::filesystem;

/** `dir`/nvidia-smi holding `text`, with `perms`. */
fs::path write_program(const test::temp_dir& dir, std::string_view text, fs::perms perms) {
  const auto p = dir.write("nvidia-smi", text);
  fs::permissions(p, perms);
  return p;
}

struct unrunnable {
  const char* name;
  const char* hint;  ///< what /health's message must say
};

class unrunnable_nvidia_smi : public ::testing::TestWithParam<unrunnable> {};

TEST_P(unrunnable_nvidia_smi, is_reported_as_missing_with_the_reason_and_the_server_serves) {
  const test::temp_dir dir;
  const std::string kind = GetParam().name;
  fs::path program;
  if (kind == "directory") {
    program = dir.path() / "nvidia-smi";
    fs::create_directory(program);
  } else if (kind == "not_executable") {
    program =
        write_program(dir, "#!/bin/sh\necho hi\n", fs::perms::owner_read | fs::perms::owner_write);
  } else {
    program = write_program(dir, "#!/nonexistent/sh\necho hi\n", fs::perms::owner_all);
  }
  smistat_process server({"--nvidia-smi", program.string(), "--refresh-interval", "0.2"});
  ASSERT_NE(server.port(), 0);
  const auto health = poll_json(server.port(), "/health", failed);
  EXPECT_EQ(error_kind(health), "nvidia_smi_missing");
  const std::string message(health.at("collection").at("last_error").at("message").as_string());
  EXPECT_NE(message.find(program.string()), std::string::npos) << message;
  EXPECT_NE(message.find(GetParam().hint), std::string::npos) << message;
  EXPECT_EQ(http_get(server.port(), "/gpu/stats").status, 200u);
  EXPECT_EQ(http_get(server.port(), "/-/healthy").status, 200u);
}

INSTANTIATE_TEST_SUITE_P(kinds, unrunnable_nvidia_smi,
                         ::testing::Values(unrunnable{"directory", "(it is a directory)"},
                                           unrunnable{"not_executable", "(not executable)"},
                                           unrunnable{
                                               "script_without_interpreter",
                                               "(its interpreter /nonexistent/sh is missing)"}),
                         [](const auto& p) { return std::string(p.param.name); });

/** A listening socket on 127.0.0.1 and a free port, held for the scope. */
class port_holder {
 public:
  port_holder() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::listen(fd_, 1) != 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      return;
    port_ = ntohs(addr.sin_port);
  }
  ~port_holder() {
    if (fd_ >= 0) ::close(fd_);
  }
  port_holder(const port_holder&) = delete;
  port_holder& operator=(const port_holder&) = delete;
  unsigned short port() const { return port_; }

 private:
  int fd_ = -1;
  unsigned short port_ = 0;
};

TEST(bad_environment, a_port_in_use_stops_start_up_with_one_line_and_a_non_zero_exit) {
  const port_holder taken;
  ASSERT_NE(taken.port(), 0);
  const auto command = (bin_dir() / "smistat").string() + " --host 127.0.0.1 --port " +
                       std::to_string(taken.port()) + " --nvidia-smi /nonexistent/nvidia-smi 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = ::pclose(pipe);
  ASSERT_TRUE(WIFEXITED(status)) << "smistat did not exit normally: " << status << "\n" << output;
  EXPECT_NE(WEXITSTATUS(status), 0);
  const std::string expected =
      "cannot listen on 127.0.0.1:" + std::to_string(taken.port()) + ": Address already in use";
  EXPECT_NE(output.find(expected), std::string::npos) << output;
  EXPECT_EQ(output.find("listening on"), std::string::npos) << output;
  // One line says it: the error is not repeated or followed by a trace.
  std::size_t error_lines = 0;
  for (std::size_t at = output.find("cannot listen"); at != std::string::npos;
       at = output.find("cannot listen", at + 1))
    ++error_lines;
  EXPECT_EQ(error_lines, 1u) << output;
}

}  // namespace
}  // namespace smistat::test

#include "tests/replayer/replayer_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "tests/support/golden.hpp"

extern char** environ;

namespace smistat::test {
namespace {

// A guard against a broken replayer wedging the suite, not a timing expectation.
constexpr auto guard = std::chrono::seconds(60);

std::vector<std::string> child_environment(const env_vars& env) {
  std::vector<std::string> vars;
  for (char** e = environ; *e; ++e)
    if (!std::string_view(*e).starts_with("NVIDIA_SMI_REPLAY_")) vars.emplace_back(*e);
  for (const auto& [name, value] : env) vars.push_back(name + "=" + value);
  return vars;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

void check(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string(what) + " failed: " + std::strerror(rc));
}

}  // namespace

std::filesystem::path machine_dir(std::string_view name) { return fixtures_dir() / name; }

replayer_process::replayer_process(const std::vector<std::string>& args, const env_vars& env) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe2 failed");
  posix_spawn_file_actions_t actions;
  check(posix_spawn_file_actions_init(&actions), "file actions");
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  posix_spawnattr_t attr;
  check(posix_spawnattr_init(&attr), "spawn attributes");
  // Own process group, so a group kill also reaches forked grandchildren; default signal
  // dispositions, whatever the test runner ignores.
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int s : {SIGTERM, SIGINT, SIGPIPE, SIGHUP}) sigaddset(&defaults, s);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
  std::vector<std::string> argv_strings{(bin_dir() / "nvidia-smi-replay").string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  auto env_strings = child_environment(env);
  auto argv = pointers(argv_strings);
  auto envp = pointers(env_strings);
  const int rc = ::posix_spawn(&pid_, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
  check(rc, "posix_spawn");
}

replayer_process::~replayer_process() {
  if (!reaped_ && pid_ > 0) {
    ::kill(-pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
}

// Reads whatever is ready on either pipe; false once both are at EOF or nothing came in time.
bool replayer_process::pump(int timeout_ms) {
  pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
  const int n = ::poll(fds, 2, timeout_ms);
  if (n < 0 && errno == EINTR) return true;
  if (n <= 0) return false;
  for (int i = 0; i < 2; ++i) {
    if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    char buffer[65536];
    const auto got = ::read(fds[i].fd, buffer, sizeof buffer);
    if (got > 0) {
      (i == 0 ? out_ : err_).append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0) {
      ::close(fds[i].fd);
      (i == 0 ? out_fd_ : err_fd_) = -1;
    }
  }
  return out_fd_ >= 0 || err_fd_ >= 0;
}

bool replayer_process::read_until(const std::function<bool(std::string_view)>& done) {
  const auto deadline = std::chrono::steady_clock::now() + guard;
  while (!done(out_)) {
    if (out_fd_ < 0 || std::chrono::steady_clock::now() > deadline) return false;
    pump(100);
  }
  return true;
}

bool replayer_process::read_to_eof() {
  const auto deadline = std::chrono::steady_clock::now() + guard;
  while (out_fd_ >= 0 || err_fd_ >= 0) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    pump(100);
  }
  return true;
}

void replayer_process::read_available() {
  while (pump(0)) {
  }
}

bool replayer_process::stdout_closed_now() {
  pollfd fd{out_fd_, POLLIN, 0};
  return out_fd_ < 0 || (::poll(&fd, 1, 0) == 1 && (fd.revents & POLLHUP));
}

bool replayer_process::wait() {
  if (reaped_) return true;
  const auto deadline = std::chrono::steady_clock::now() + guard;
  int status = 0;
  for (;;) {
    const pid_t got = ::waitpid(pid_, &status, WNOHANG);
    if (got == pid_) break;
    if (got < 0 && errno != EINTR) return false;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  reaped_ = true;
  if (WIFEXITED(status)) exit_code_ = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) term_signal_ = WTERMSIG(status);
  return true;
}

void replayer_process::signal_group(int signal) const { ::kill(-pid_, signal); }

run_output run_replayer(const std::vector<std::string>& args, const env_vars& env) {
  replayer_process process(args, env);
  EXPECT_TRUE(process.read_to_eof()) << "the replayer did not close its output";
  EXPECT_TRUE(process.wait()) << "the replayer did not exit";
  return {process.out(), process.err(), process.exit_code(), process.term_signal()};
}

std::string proc_status(pid_t pid, std::string_view key) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':') {
      const auto value = line.find_first_not_of(" \t", key.size() + 1);
      return value == std::string::npos ? "" : line.substr(value);
    }
  return {};
}

bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + guard;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

bool is_asleep_in_replayer(pid_t pid) {
  // `Name` is the executable's name cut to 15 characters; before exec it is the test's own.
  return proc_status(pid, "Name") == "nvidia-smi-repl" &&
         proc_status(pid, "State").starts_with("S");
}

}  // namespace smistat::test

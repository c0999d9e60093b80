#include "src/runner/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "src/runner/exec_steps.hpp"

namespace smistat::runner::detail {
namespace {

/** The #! line's interpreter of a script, or empty. */
std::string interpreter_of(const std::filesystem::path& script) {
  std::ifstream in(script, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line.rfind("#!", 0) != 0) return {};
  const auto start = line.find_first_not_of(" \t", 2);
  if (start == std::string::npos) return {};
  return line.substr(start, line.find_first_of(" \t\r", start) - start);
}

/** Why exec refused `executable`, when errno alone misleads: exec answers a directory and a file
 *  without execute permission with the same EACCES, and a script whose interpreter is missing
 *  with ENOENT although the script is there. Empty when there is nothing to add. */
std::string exec_failure_hint(const std::filesystem::path& executable, int code) {
  std::error_code ec;
  if (code == EACCES && std::filesystem::is_directory(executable, ec)) return "it is a directory";
  if (code == EACCES && std::filesystem::is_regular_file(executable, ec) &&
      ::access(executable.c_str(), X_OK) != 0)
    return "not executable";
  if (code == ENOENT && std::filesystem::exists(executable, ec)) {
    const auto interpreter = interpreter_of(executable);
    return interpreter.empty() ? "its interpreter is missing"
                               : "its interpreter " + interpreter + " is missing";
  }
  return {};
}

spawn_outcome failure(const std::filesystem::path& executable, const launch_error& error) {
  spawn_outcome out;
  out.error = executable.string() + ": " + (error.step.empty() ? "" : error.step + ": ") +
              std::strerror(error.code);
  if (error.step.empty()) {
    if (const auto hint = exec_failure_hint(executable, error.code); !hint.empty())
      out.error += " (" + hint + ")";
  }
  return out;
}

}  // namespace

spawn_outcome spawn_child(const std::filesystem::path& executable,
                          const std::vector<std::string>& args, int out_fd, int err_fd,
                          launch_function launch) {
  const unique_fd null_in{::open("/dev/null", O_RDONLY | O_CLOEXEC)};
  if (!null_in) return failure(executable, {errno, "/dev/null"});
  launch_error error;
  const int pid = launch(executable, args, null_in.get(), out_fd, err_fd, error);
  if (pid <= 0) return failure(executable, error);
  spawn_outcome out;
  out.pid = pid;
  out.pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (!out.pidfd) {
    const int saved = errno;
    ::kill(pid, SIGKILL);
    reap_blocking(pid);
    return failure(executable, {saved, "pidfd_open"});
  }
  return out;
}

}  // namespace smistat::runner::detail

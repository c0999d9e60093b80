#pragma once
// Starts the real smistat binary as a child process for end-to-end tests and finds the port it
// bound (it is started with --port 0 and logs "listening on http://ADDR:PORT", or https://).

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace smistat::test {

using environment_overrides = std::map<std::string, std::optional<std::string>>;

class smistat_process {
 public:
  /** Starts `<bin>/smistat serve --port 0 --host 127.0.0.1 <args>` with `env` added to (or, for
   *  nullopt, removed from) the inherited environment, and waits for the listening line. */
  smistat_process(std::vector<std::string> args, environment_overrides env = {});
  ~smistat_process();
  smistat_process(const smistat_process&) = delete;
  smistat_process& operator=(const smistat_process&) = delete;

  unsigned short port() const noexcept { return port_; }
  pid_t pid() const noexcept { return pid_; }
  /** Everything the server wrote to stderr so far. */
  std::string log() const;
  /** Sends `signal` and waits for the exit; returns the exit status as from waitpid, or -1 on
   *  timeout (the process is then killed). */
  int stop(int signal, std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  std::filesystem::path log_path_;
};

/** Folder of a recorded machine under fixtures/. */
std::filesystem::path machine_dir(const std::string& name);

/** Number of direct children of `pid` that are zombies or alive (read from /proc). */
std::vector<pid_t> children_of(pid_t pid);

}  // namespace smistat::test

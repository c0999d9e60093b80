#include "tests/kubernetes/fake_kubelet.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "tests/support/golden.hpp"

extern char** environ;

namespace smistat::test {
namespace {

// Debian's interpreter, where python3-grpcio is installed; a python3 earlier on PATH (pyenv,
// a virtualenv) may not have it.
constexpr const char* python = "/usr/bin/python3";

}  // namespace

bool fake_kubelet_can_run() {
  return std::system("/usr/bin/python3 -c 'import grpc' >/dev/null 2>&1") == 0;
}

fake_kubelet::fake_kubelet(const std::filesystem::path& socket, const std::string& scenario) {
  const auto script = (fixtures_dir() / ".." / "tests" / "kubernetes" / "fake_kubelet.py").string();
  std::vector<std::string> args{python, script, socket.string(), scenario};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (posix_spawn(&pid_, python, nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  for (int i = 0; i < 400 && pid_ > 0 && !ready_; ++i) {
    ready_ = std::filesystem::exists(socket);
    if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

fake_kubelet::~fake_kubelet() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

}  // namespace smistat::test

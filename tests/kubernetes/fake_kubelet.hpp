#pragma once
// Runs tests/kubernetes/fake_kubelet.py (Debian's python3 with python3-grpcio) serving one
// scenario on a unix socket, for as long as the object lives.

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace smistat::test {

class fake_kubelet {
 public:
  /** Starts the fake on `socket` with `scenario` and waits (at most 20 s) for the socket. */
  fake_kubelet(const std::filesystem::path& socket, const std::string& scenario);
  ~fake_kubelet();
  fake_kubelet(const fake_kubelet&) = delete;
  fake_kubelet& operator=(const fake_kubelet&) = delete;

  /** True once the socket exists. */
  bool ready() const noexcept { return ready_; }

 private:
  pid_t pid_ = -1;
  bool ready_ = false;
};

/** True when Debian's python3 can import grpc (python3-grpcio). */
bool fake_kubelet_can_run();

}  // namespace smistat::test

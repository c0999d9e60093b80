#pragma once
// How the poller asks the kubelet for its allocations: an interface, so that the poller is
// tested with a fake and the build without gRPC still has a poller type to name.

#include <chrono>
#include <optional>
#include <string>

#include "src/kubernetes/pod_devices.hpp"

namespace smistat::kubernetes {

/** One List call's outcome: the answer, or why there is none. */
struct list_outcome {
  std::optional<pod_devices> devices;
  std::string error;  ///< set when `devices` is not
};

class pod_resources_client {
 public:
  virtual ~pod_resources_client() = default;
  /** Calls List and waits at most `deadline` for its answer. Blocks the calling thread. */
  virtual list_outcome list(std::chrono::milliseconds deadline) = 0;
  /** Ends the call in flight now, and every later one at once: called from another thread at
   *  shutdown, so that a hanging kubelet does not hold the exit up for a whole deadline. */
  virtual void cancel() {}
};

}  // namespace smistat::kubernetes

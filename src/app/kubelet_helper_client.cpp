#include "src/app/kubelet_helper_client.hpp"

#include <condition_variable>
#include <mutex>
#include <utility>

#include "src/kubernetes/pod_devices_wire.hpp"
#include "src/system/own_folder.hpp"

namespace smistat::app {
namespace {

using kubernetes::list_outcome;

/** Every call fails with one reason: this build has no helper. */
class unavailable_client final : public kubernetes::pod_resources_client {
 public:
  list_outcome list(std::chrono::milliseconds) override {
    return {std::nullopt, "this build has no Kubernetes support (built without gRPC)"};
  }
};

/** One call's answer, handed from the runner's thread to the poller's. Shared with the run's
 *  handler, which may complete after a cancelled call has returned. */
struct pending_answer {
  std::mutex mutex;
  std::condition_variable ready;
  std::optional<list_outcome> outcome;

  void deliver(list_outcome o) {
    {
      std::lock_guard lock(mutex);
      if (outcome) return;
      outcome = std::move(o);
    }
    ready.notify_all();
  }
};

std::string first_line(const std::string& text) {
  auto line = text.substr(0, text.find('\n'));
  return line.empty() ? "no reason given" : line;
}

list_outcome outcome_of(const runner::run_result& r, std::chrono::milliseconds deadline) {
  if (r.ok()) {
    if (auto devices = kubernetes::decode_pod_devices(r.out)) return {std::move(devices), {}};
    return {std::nullopt, "the Kubernetes helper answered an undecodable list"};
  }
  switch (r.outcome) {
    case runner::run_outcome::spawn_failed:
      // spawn_error names the program: "<path>: No such file or directory".
      return {std::nullopt, "cannot run the Kubernetes helper: " + r.spawn_error};
    case runner::run_outcome::timed_out:
      if (r.cancelled) return {std::nullopt, "cancelled"};
      return {std::nullopt,
              "the kubelet did not answer within " + std::to_string(deadline.count()) + " ms"};
    case runner::run_outcome::exited: return {std::nullopt, first_line(r.err)};
    case runner::run_outcome::output_too_large:
    case runner::run_outcome::killed_by_signal: break;
  }
  return {std::nullopt, "the Kubernetes helper ended: " + std::string(to_string(r.outcome)) +
                            (r.signal ? " (signal " + std::to_string(r.signal) + ")" : "")};
}

class helper_client final : public kubernetes::pod_resources_client {
 public:
  helper_client(runner::async_runner& runner, std::string socket_path, std::string helper)
      : runner_(runner), socket_path_(std::move(socket_path)), helper_(std::move(helper)) {}

  list_outcome list(std::chrono::milliseconds deadline) override {
    auto answer = std::make_shared<pending_answer>();
    {
      std::lock_guard lock(mutex_);
      if (cancelled_) return {std::nullopt, "cancelled"};
      in_flight_ = answer;
    }
    runner::run_request request;
    request.program = helper_;
    request.args = {socket_path_, std::to_string(deadline.count())};
    // The helper enforces the deadline on its call; the runner's, a second later, covers a
    // helper that hangs before or after it (start-up, a stuck gRPC thread at exit).
    request.timeout = deadline + std::chrono::seconds(1);
    request.max_output_bytes = 64 * 1024 * 1024;
    runner_.async_run(std::move(request), [answer, deadline](const runner::run_result& r) {
      answer->deliver(outcome_of(r, deadline));
    });
    std::unique_lock wait(answer->mutex);
    answer->ready.wait(wait, [&] { return answer->outcome.has_value(); });
    auto outcome = std::move(*answer->outcome);
    wait.unlock();
    std::lock_guard lock(mutex_);
    in_flight_.reset();
    return outcome;
  }

  /** Returns the call in flight at once; its child is the runner's to end (cancel_all at
   *  shutdown), and its late answer goes nowhere. */
  void cancel() override {
    std::shared_ptr<pending_answer> in_flight;
    {
      std::lock_guard lock(mutex_);
      cancelled_ = true;
      in_flight = in_flight_;
    }
    if (in_flight) in_flight->deliver({std::nullopt, "cancelled"});
  }

 private:
  runner::async_runner& runner_;
  std::string socket_path_;
  std::string helper_;
  std::mutex mutex_;  // guards the two below
  std::shared_ptr<pending_answer> in_flight_;
  bool cancelled_ = false;
};

}  // namespace

bool kubernetes_support_built() noexcept { return SMISTAT_HAS_KUBELET_HELPER != 0; }

std::filesystem::path kubelet_helper_path() {
  return system::own_folder().parent_path() / "lib" / "smistat" / "smistat-kubelet";
}

std::unique_ptr<kubernetes::pod_resources_client> make_kubelet_helper_client(
    runner::async_runner& runner, std::string socket_path, std::filesystem::path helper) {
  if (!kubernetes_support_built()) return std::make_unique<unavailable_client>();
  return std::make_unique<helper_client>(runner, std::move(socket_path), helper.string());
}

}  // namespace smistat::app

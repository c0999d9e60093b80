#pragma once
// Asks the kubelet which container holds each GPU, on a thread and a cadence of its own, and
// publishes the answer matched to the latest sample's GPUs. One call at a time (the thread makes
// them in turn), each with a deadline, so a hanging kubelet delays nothing but the next call;
// HTTP threads only ever copy the published report's pointer.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "src/collect/kubernetes_report.hpp"
#include "src/collect/snapshot.hpp"
#include "src/kubernetes/pod_devices.hpp"
#include "src/kubernetes/pod_resources_client.hpp"

namespace smistat::kubernetes {

struct kubelet_poller_options {
  std::string socket;                         ///< shown in /health
  std::chrono::milliseconds interval{10000};  ///< between the starts of two calls
  std::chrono::milliseconds deadline{5000};   ///< of one call
};

class kubelet_poller {
 public:
  kubelet_poller(kubelet_poller_options options, std::unique_ptr<pod_resources_client> client);
  ~kubelet_poller();
  kubelet_poller(const kubelet_poller&) = delete;
  kubelet_poller& operator=(const kubelet_poller&) = delete;

  /** Starts the thread; the first call is made at once. */
  void start();
  /** Cancels the call in flight (if any) and ends the thread. */
  void stop();
  /** Hands over a published sample; its GPUs are matched again only when they changed. Short:
   *  it runs on the collection thread. */
  void on_snapshot(const collect::snapshot_ptr& s);
  /** The report now; never null. */
  std::shared_ptr<const collect::kubernetes_report> current() const;

 private:
  void run();
  void call_kubelet(std::unique_lock<std::mutex>& lock);
  void publish_match(std::unique_lock<std::mutex>& lock);
  void log_cause(const collect::kubernetes_report& report, std::size_t nvidia_resources,
                 const std::string& first_unmatched);

  kubelet_poller_options options_;
  std::unique_ptr<pod_resources_client> client_;
  std::thread thread_;

  mutable std::mutex mutex_;  // guards everything below; never held during a call
  std::condition_variable wake_;
  bool stopping_ = false;
  bool rematch_ = false;
  std::string gpus_key_;  // the UUIDs and MIG devices of the last matched sample
  collect::snapshot_ptr latest_;
  std::optional<pod_devices> last_answer_;  // the last good answer, kept when a call fails
  collect::kubernetes_report base_;         // health of the calls, without the match
  std::shared_ptr<const collect::kubernetes_report> current_;
  // The cause last logged ("" for a working mapping), so a lasting one is logged once.
  std::optional<std::string> logged_cause_;
};

}  // namespace smistat::kubernetes

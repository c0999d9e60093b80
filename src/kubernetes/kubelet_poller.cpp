#include "src/kubernetes/kubelet_poller.hpp"

#include <utility>

#include "src/common/log.hpp"
#include "src/kubernetes/allocation_match.hpp"

namespace smistat::kubernetes {
namespace {

/** What a change of the GPUs looks like: their UUIDs, minor numbers and MIG devices. */
std::string gpus_key(const collect::snapshot& s) {
  std::string key;
  for (const auto& g : gpu_identities_of(s)) {
    key += g.index + '=' + g.uuid + '/' + std::to_string(g.minor);
    for (const auto& m : g.mig_uuids) key += ',' + m;
    key += ';';
  }
  return key;
}

}  // namespace

kubelet_poller::kubelet_poller(kubelet_poller_options options,
                               std::unique_ptr<pod_resources_client> client)
    : options_(std::move(options)), client_(std::move(client)) {
  base_.enabled = true;
  base_.socket = options_.socket;
  current_ = std::make_shared<const collect::kubernetes_report>(base_);
}

kubelet_poller::~kubelet_poller() { stop(); }

void kubelet_poller::start() {
  thread_ = std::thread([this] { run(); });
}

void kubelet_poller::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  client_->cancel();
  if (thread_.joinable()) thread_.join();
}

void kubelet_poller::on_snapshot(const collect::snapshot_ptr& s) {
  if (!s->has_data()) return;
  auto key = gpus_key(*s);
  {
    std::lock_guard lock(mutex_);
    latest_ = s;
    if (key == gpus_key_) return;
    gpus_key_ = std::move(key);
    rematch_ = true;
  }
  wake_.notify_all();
}

std::shared_ptr<const collect::kubernetes_report> kubelet_poller::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

void kubelet_poller::run() {
  std::unique_lock lock(mutex_);
  auto next_call = std::chrono::steady_clock::now();
  while (!stopping_) {
    if (std::chrono::steady_clock::now() >= next_call) {
      next_call = std::chrono::steady_clock::now() + options_.interval;
      call_kubelet(lock);
      rematch_ = true;
    }
    if (rematch_) {
      rematch_ = false;
      publish_match(lock);
    }
    wake_.wait_until(lock, next_call, [this] { return stopping_ || rematch_; });
  }
}

void kubelet_poller::call_kubelet(std::unique_lock<std::mutex>& lock) {
  lock.unlock();
  auto outcome = client_->list(options_.deadline);
  lock.lock();
  const auto now = collect::wall_clock::now();
  ++base_.calls_total;
  base_.last_call = now;
  base_.error = outcome.error;
  if (outcome.devices) {
    base_.last_success = now;
    last_answer_ = std::move(outcome.devices);
  } else {
    ++base_.errors_total;
  }
}

void kubelet_poller::publish_match(std::unique_lock<std::mutex>& lock) {
  auto report = base_;
  const auto answer = last_answer_;
  const auto sample = latest_;
  lock.unlock();
  const auto gpus = sample ? gpu_identities_of(*sample) : std::vector<gpu_identity>{};
  match_result m;
  if (answer) m = match_allocations(*answer, gpus);
  report.devices_seen = m.devices_seen;
  report.devices_matched = m.devices_matched;
  report.id_form = m.id_form;
  report.by_gpu_uuid = std::move(m.by_gpu_uuid);
  report.gpus_without_pod = std::move(m.gpus_without_pod);
  // Before the first sample there is nothing to match to, and nothing worth a line.
  if (!gpus.empty() || !report.error.empty())
    log_cause(report, m.nvidia_resources, m.first_unmatched);
  auto published = std::make_shared<const collect::kubernetes_report>(std::move(report));
  lock.lock();
  current_ = std::move(published);
}

void kubelet_poller::log_cause(const collect::kubernetes_report& report,
                               std::size_t nvidia_resources, const std::string& first_unmatched) {
  std::string cause;
  if (!report.error.empty())
    cause = "cannot list the kubelet's allocations: " + report.error;
  else if (!report.last_success)
    return;  // no answer yet
  else if (nvidia_resources == 0)
    cause = "no container on this node holds an nvidia.com/* resource";
  else if (report.devices_matched == 0 && report.id_form.find("unknown") != std::string::npos)
    cause = "the kubelet's device IDs have an unknown form (e.g. " + first_unmatched + ")";
  else if (report.devices_matched == 0)
    cause =
        "no device ID of the kubelet names a GPU of this machine (e.g. " + first_unmatched + ")";
  if (cause == logged_cause_) return;
  logged_cause_ = cause;
  if (cause.empty())
    log::info("kubernetes: " + std::to_string(report.devices_matched) + " of " +
              std::to_string(report.devices_seen) +
              " devices matched to GPUs (IDs: " + report.id_form + ")");
  else
    log::warning("kubernetes: " + cause + "; GPU series carry empty pod labels");
}

}  // namespace smistat::kubernetes

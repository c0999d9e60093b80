#include "src/contracts/nvgpu/cluster_poller.hpp"

#include <atomic>

#include "src/common/log.hpp"
#include "src/contracts/nvgpu/nvgpu_cluster_page.hpp"

namespace smistat::app {

render::agent_answer agent_answer_of(const http::fetch_result& r) {
  using http::fetch_failure;
  switch (r.failure) {
    case fetch_failure::none:
      if (r.status != 200)
        return {"Bad response (" + std::to_string(r.status) + ": " + r.reason + ")", ""};
      return {std::nullopt, r.body};
    case fetch_failure::timed_out: return {"Connection timeout", ""};
    case fetch_failure::too_large: return {"Bad response (body too large)", ""};
    // requests raises ConnectionError for a failed lookup or connect, a connect timeout, a
    // connection that breaks mid-response and a failed TLS handshake (SSLError) alike.
    case fetch_failure::bad_url:
    case fetch_failure::unreachable:
    case fetch_failure::tls_failed:
    case fetch_failure::broken: break;
  }
  return {"Host not available", ""};
}

std::string gpu_status_url(std::string_view base) {
  if (base.ends_with('/')) base.remove_suffix(1);
  return std::string(base) + "/gpu_status";
}

/** One poll of every agent: answers land in their slots from any thread; the last one in
 *  renders. */
struct cluster_poller::round {
  explicit round(std::size_t n) : answers(n), remaining(n) {}
  std::vector<render::agent_answer> answers;
  std::atomic<std::size_t> remaining;
};

cluster_poller::cluster_poller(boost::asio::any_io_executor executor,
                               cluster_poller_options options, agent_snapshot_source data,
                               self_agent self)
    : executor_(std::move(executor)),
      options_(std::move(options)),
      data_(std::move(data)),
      self_(std::move(self)) {}

void cluster_poller::get(report_handler done) {
  std::shared_ptr<const cluster_report> cached;
  {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (report_ && !polling_ && now - polled_at_ < options_.cache_for) {
      cached = report_;
    } else {
      waiters_.push_back(std::move(done));
      if (polling_) return;
      polling_ = true;
    }
  }
  if (cached) return done(std::move(cached));
  start_round();
}

void cluster_poller::start_round() {
  const std::size_t n = options_.agents.size();
  if (n == 0) return finish({});
  auto r = std::make_shared<round>(n);
  auto keep = shared_from_this();
  const auto arrive = [keep, r](std::size_t slot, render::agent_answer a) {
    r->answers[slot] = std::move(a);
    if (r->remaining.fetch_sub(1, std::memory_order_acq_rel) == 1)
      keep->finish(std::move(r->answers));
  };
  for (std::size_t slot = 0; slot < n; ++slot) {
    const std::string& agent = options_.agents[slot];
    if (agent == "self") {
      data_(
          [keep, slot, arrive](const collect::snapshot_ptr& s) { arrive(slot, keep->self_(*s)); });
      continue;
    }
    http::async_fetch(executor_, gpu_status_url(agent), options_.fetch,
                      [agent, slot, arrive](http::fetch_result res) {
                        if (res.failure != http::fetch_failure::none)
                          log::debug("agent " + agent + ": " + res.detail);
                        arrive(slot, agent_answer_of(res));
                      });
  }
}

void cluster_poller::finish(std::vector<render::agent_answer> answers) {
  auto report = std::make_shared<const cluster_report>(
      cluster_report{render::render_cluster_status(answers),
                     render::render_cluster_page(options_.agents, answers)});
  std::vector<report_handler> waiters;
  {
    std::lock_guard lock(mutex_);
    report_ = report;
    polled_at_ = std::chrono::steady_clock::now();
    polling_ = false;
    waiters.swap(waiters_);
  }
  for (auto& w : waiters) w(report);
}

}  // namespace smistat::app

#pragma once
// The nvgpu master: polls every agent of AGENTS at once (`self` without HTTP, the others with
// GET <url>/gpu_status), renders /cluster_status from their answers, and keeps that body for
// one refresh interval. Concurrent requests share one poll in flight; nothing here blocks a
// thread, so a slow agent delays only the requests that wait for /cluster_status.

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "src/collect/snapshot.hpp"
#include "src/contracts/nvgpu/nvgpu_cluster.hpp"
#include "src/http/client.hpp"

namespace smistat::app {

/** This machine's answer for a snapshot, the `self` agent: its /gpu_status body, or an error. */
using self_agent = std::function<render::agent_answer(const collect::snapshot&)>;

/** Hands a consumer the snapshot to answer from, now or later (routes.hpp's snapshot_source). */
using agent_snapshot_source =
    std::function<void(std::function<void(const collect::snapshot_ptr&)>)>;

/** nvgpu's entry for an agent's fetch outcome: its body, or one of the original's error texts
 *  (requests' ConnectionError -> "Host not available", ReadTimeout -> "Connection timeout", a
 *  status other than 200 -> "Bad response (<code>: <reason>)"). */
render::agent_answer agent_answer_of(const http::fetch_result& r);

/** The URL polled for an agent's base URL: `<base>/gpu_status` (one trailing '/' of the base
 *  is dropped so `http://node2:1080/` works too). */
std::string gpu_status_url(std::string_view base);

/** One poll's answers, rendered both ways nvgpu's master shows them. */
struct cluster_report {
  std::string status;  ///< the /cluster_status body
  std::string page;    ///< the HTML page (webapp.py's GET /)
};

struct cluster_poller_options {
  std::vector<std::string> agents;  ///< AGENTS, in order
  std::chrono::steady_clock::duration cache_for = std::chrono::seconds(1);
  http::fetch_options fetch;  ///< nvgpu's requests.get(..., timeout=5)
};

class cluster_poller : public std::enable_shared_from_this<cluster_poller> {
 public:
  using report_handler = std::function<void(std::shared_ptr<const cluster_report>)>;

  /** Fetches run on `executor`; `data` and `self` answer the `self` agent. */
  cluster_poller(boost::asio::any_io_executor executor, cluster_poller_options options,
                 agent_snapshot_source data, self_agent self);

  /** Calls `done` with the report: at once when the last poll finished less than
   *  `cache_for` ago, else when the poll in flight (started now if none is) has every answer. */
  void get(report_handler done);

 private:
  struct round;
  void start_round();
  void finish(std::vector<render::agent_answer> answers);

  boost::asio::any_io_executor executor_;
  cluster_poller_options options_;
  agent_snapshot_source data_;
  self_agent self_;

  std::mutex mutex_;  // guards everything below; never held while calling out
  std::shared_ptr<const cluster_report> report_;
  std::chrono::steady_clock::time_point polled_at_;
  bool polling_ = false;
  std::vector<report_handler> waiters_;
};

}  // namespace smistat::app

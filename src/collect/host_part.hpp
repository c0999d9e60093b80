#pragma once
// The host (/proc, /sys) as a part of the snapshot. It owes nvidia-smi nothing: every GPU
// outcome takes a due reading along, and when GPU outcomes stop coming (a hung or slowly failing
// nvidia-smi, a loop child that restarts) a timer publishes the host alone.

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>

#include "src/collect/cadence.hpp"
#include "src/collect/collector_options.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/strand_run.hpp"
#include "src/system/system_info.hpp"

namespace smistat::collect {

class host_part {
 public:
  using clock = std::chrono::steady_clock;

  /** `options` must outlive the part; an empty `host_root` turns host sampling off. */
  host_part(const collect_strand& strand, const collector_options& options);

  bool enabled() const noexcept { return sampler_ != nullptr; }
  /** Null when host sampling is off. */
  system::system_sampler* sampler() const noexcept { return sampler_.get(); }
  /** Not reading now, and the last reading is one interval_at(now) old. */
  bool due(clock::time_point now) const noexcept;
  /** Reads the host now (only when enabled). */
  void sample();
  /** Calls `publish` after a reading of its own whenever no GPU outcome took the host along in
   *  time. Its captures keep the part's owner alive. Does nothing when sampling is off. */
  void watch(std::function<void()> publish);
  /** Puts the latest reading and its health into `s`. */
  void fill(snapshot& s) const;
  /** Cancels the watch. */
  void stop();

 private:
  void on_check(boost::system::error_code ec, const std::function<void()>& publish);
  /** The host's interval at `now`: its own while someone looks at its figures, longer when
   *  nobody does (host_demand). */
  clock::duration interval_at(clock::time_point now) const noexcept;
  /** How old the reading may grow before it publishes without a GPU outcome. */
  clock::duration overdue_after() const;

  const collector_options& options_;
  std::unique_ptr<system::system_sampler> sampler_;
  boost::asio::steady_timer timer_;
  cadence cadence_;
  std::shared_ptr<const system::system_snapshot> host_;
  part_health health_;
  bool stopped_ = false;
};

}  // namespace smistat::collect

#pragma once
// Combines the parts of a snapshot and publishes it. The GPU figures come from a source the
// mode picks once (a timer, requests, or a loop child); static facts, compute apps, `-q`
// details and the host are collected beside them, each part on its own cadence with its own
// single flight, and every snapshot combines the latest of each (docs/architecture.md,
// "Cadences"). All state lives on one serial executor (collect_strand).

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "src/collect/collector_options.hpp"
#include "src/collect/details_part.hpp"
#include "src/collect/facts_part.hpp"
#include "src/collect/field_negotiation.hpp"
#include "src/collect/first_sample_gate.hpp"
#include "src/collect/gpu_sink.hpp"
#include "src/collect/gpu_source.hpp"
#include "src/collect/host_part.hpp"
#include "src/collect/processes_part.hpp"
#include "src/collect/snapshot.hpp"
#include "src/collect/snapshot_store.hpp"
#include "src/collect/strand_run.hpp"
#include "src/runner/run_result.hpp"
#include "src/runner/stream_launcher.hpp"

namespace smistat::collect {

/** Create with std::make_shared (handlers keep it alive). */
class collector : public std::enable_shared_from_this<collector>, private gpu_sink {
 public:
  /** `executor` runs every handler of the collection and must run one at a time (see
   *  collect_strand). `runner`, `store` and (loop mode) `launcher` must outlive the
   *  collector. */
  collector(collect_strand executor, runner::async_runner& runner, snapshot_store& store,
            collector_options options, runner::stream_launcher* launcher = nullptr);

  /** Takes the first host reading and publishes it at once, in the caller's thread (so call it
   *  before the executor runs anything of this collector); then reads the facts and, except on
   *  demand, starts the GPU query beside them. */
  void start();
  /** Cancels timers, ends runs and the loop child; pending request_fresh callers get the
   *  current snapshot. Nothing is published afterwards. */
  void stop();
  /** On demand: answers at once while the GPU figures are younger than the refresh interval,
   *  otherwise after one shared run. The other modes answer at once. */
  void request_fresh(fresh_handler handler);

 private:
  using clock = std::chrono::steady_clock;

  // What the GPU source calls.
  std::shared_ptr<gpu_sink> keep_alive() override;
  void take_gpu_outcome(gpu_query_outcome outcome, int exit_code, double duration_seconds,
                        wall_clock::time_point attempt) override;
  bool catalog_in_flight() const override { return facts_.in_flight(); }

  void finish_gpu_outcome(std::optional<parsers::query_table> table);
  void start_facts(bool discover);
  void on_facts(const parsers::query_field_catalog& catalog);
  void start_due_parts();
  /** Loop mode, with the list wanted every sample: whether it comes from a child of its own. */
  bool streams_processes() const;
  /** Loop mode: whether `-q` comes from a child of its own. */
  bool streams_details() const;
  void on_part_read(bool first_process_list);
  snapshot_ptr publish(std::optional<parsers::query_table> fresh_gpus = std::nullopt);

  collect_strand strand_;
  runner::async_runner& runner_;
  snapshot_store& store_;
  const collector_options options_;
  field_negotiation fields_;
  first_sample_gate gate_;
  facts_part facts_;
  host_part host_;
  processes_part processes_;
  details_part details_;
  std::unique_ptr<gpu_source> source_;
  runner::stream_launcher* launcher_;
  /** The GPU query's side of every publish (sample time, health); the parts add their own. Its
   *  `gpus` stay empty: the last good table lives in the store's current snapshot. */
  snapshot working_;
  bool stopped_ = false;
};

}  // namespace smistat::collect

#include "src/collect/collector.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <exception>
#include <utility>

#include "src/collect/loop_source.hpp"
#include "src/collect/part_health_update.hpp"
#include "src/collect/smi_commands.hpp"
#include "src/common/log.hpp"
#include "src/system/hpc_job_map.hpp"

namespace smistat::collect {

namespace net = boost::asio;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void log_transition(const std::optional<collection_error>& before,
                    const std::optional<collection_error>& now) {
  // Log changes only: a machine without a driver would otherwise log every second.
  if (now && (!before || before->kind != now->kind))
    log::warning("collector: " + now->kind + ": " + now->message);
  else if (!now && before)
    log::info("collector: nvidia-smi answers again");
}

}  // namespace

collector::collector(net::any_io_executor executor, runner::async_runner& runner,
                     snapshot_store& store, collector_options options,
                     runner::stream_launcher* launcher)
    : strand_(net::make_strand(std::move(executor))),
      timer_(strand_),
      host_timer_(strand_),
      runner_(runner),
      launcher_(launcher),
      store_(store),
      options_(std::move(options)),
      host_sampler_(options_.host_root.empty() ? nullptr
                                               : std::make_unique<system::system_sampler>(
                                                     options_.host_root, options_.host_procfs)),
      query_(options_.refresh_interval),
      facts_(options_.refresh_interval),
      // Compute apps never run ahead of the GPU query, so never more often either.
      processes_(std::max(options_.processes_interval, options_.refresh_interval)),
      details_(options_.details_interval),
      host_(options_.host_interval) {
  working_.health.mode = mode_name(options_.mode);
  working_.health.refresh_interval = options_.refresh_interval.count();
  if (options_.mode == collect_mode::loop) working_.health.loop = loop_health{};
}

void collector::start() {
  // The host comes from /proc and /sys, never from nvidia-smi: its first reading is published
  // before any run starts, so no answer shows the host empty, whether or not nvidia-smi answers.
  if (host_sampler_) {
    sample_host();
    publish();
  }
  net::post(strand_, [self = shared_from_this()] {
    if (self->stopped_) return;
    self->schedule_host_check();
    // The facts never hold the first query up: both start now (docs/architecture.md, "Cadences").
    // The loop child is the exception: it starts once the facts are read (see on_facts).
    self->start_facts(true);
    if (self->options_.mode == collect_mode::interval) self->start_query();
  });
}

void collector::stop() {
  net::post(strand_, [self = shared_from_this()] {
    if (self->stopped_) return;
    self->stopped_ = true;
    self->timer_.cancel();
    self->host_timer_.cancel();
    if (self->loop_) self->loop_->stop();
    self->runner_.cancel_all();
    const auto current = self->store_.current();
    self->answer(self->joined_, current);
    self->answer(self->waiting_, current);
  });
}

void collector::request_fresh(fresh_handler handler) {
  net::post(strand_, [self = shared_from_this(), handler = std::move(handler)]() mutable {
    self->handle_request(std::move(handler));
  });
}

// ---- The GPU query -------------------------------------------------------------------------

template <class Step>
void collector::run(runner::run_request request, Step step) {
  const auto started = clock::now();
  const auto started_wall = wall_clock::now();
  // The runner completes on its own executor; every step continues on the strand.
  runner_.async_run(std::move(request), [self = shared_from_this(), step, started,
                                         started_wall](runner::run_result r) {
    net::post(self->strand_, [self, step, started, started_wall, r = std::move(r)] {
      try {
        ((*self).*step)(r, started, started_wall);
      } catch (const std::exception& e) {
        // A bug in reading one output costs that reading, never the collector.
        log::error(std::string("collector: ") + e.what());
      }
    });
  });
}

void collector::start_query() {
  if (stopped_ || !query_.due(clock::now())) return;
  query_.started(clock::now());
  run_query();
}

void collector::run_query() {
  // The driver's list may arrive while the query runs and change the set: the answer is read
  // against the fields it was asked for.
  asked_fields_.assign(fields_.fields().begin(), fields_.fields().end());
  run(query_gpu_request(options_, asked_fields_), &collector::on_query);
}

void collector::on_query(const runner::run_result& r, clock::time_point started,
                         wall_clock::time_point started_wall) {
  query_.finished();
  if (stopped_) return;
  auto outcome = read_gpu_query(r, asked_fields_);
  if (!outcome.rejected_field.empty() && retry_rejected(outcome.rejected_field)) return;
  const int exit_code = r.outcome == runner::run_outcome::exited ? r.exit_code : 0;
  take_gpu_outcome(std::move(outcome), exit_code, seconds_since(started), started_wall);
}

bool collector::retry_rejected(const std::string& field) {
  // The first query asks for the newest names; the driver's own list tells which it knows.
  if (!fields_.discovered() && facts_.in_flight()) {
    query_waits_for_facts_ = true;
    query_.started(clock::now());  // hold the single flight while the catalog is read
    return true;
  }
  // The driver's list may have come in while this query ran: then the field is already gone,
  // and the query is asked again at once rather than a whole interval later.
  const auto asked = fields_.fields();
  const bool still_asked =
      std::any_of(asked.begin(), asked.end(), [&](const auto& f) { return f.query_name == field; });
  if (still_asked) {
    if (!fields_.drop(field, options_.max_field_retries)) return false;
    log::warning("collector: nvidia-smi rejected field " + field + "; dropped");
  } else {
    // Once only: a rejection naming a field this list does not hold must not loop.
    if (!fields_.discovered() || asked_again_after_discovery_) return false;
    asked_again_after_discovery_ = true;
  }
  query_.started(clock::now());
  run_query();
  return true;
}

void collector::take_gpu_outcome(gpu_query_outcome outcome, int exit_code, double duration_seconds,
                                 wall_clock::time_point attempt) {
  auto& h = working_.health;
  const auto before = h.last_error;
  h.last_attempt = attempt;
  h.last_duration_seconds = duration_seconds;
  h.last_exit_code = exit_code;
  ++h.runs_total;
  const bool got_data = outcome.table.has_value();
  if (got_data) {
    working_.sampled_at = wall_clock::now();
    check_driver(*outcome.table);
  } else if (!outcome.error) {
    outcome.error = collection_error{"parse_error", exit_code, "no GPU data"};
  }
  h.last_error = outcome.error;
  if (h.last_error) {
    ++h.errors_total;
    ++h.errors_by_kind[h.last_error->kind];
  }
  if (got_data) {
    h.last_success = working_.sampled_at;
    h.consecutive_failures = 0;
  } else {
    ++h.consecutive_failures;
  }
  log_transition(before, h.last_error);
  last_gpu_result_ = clock::now();
  // The host rides along with every GPU outcome, failed ones included: it owes nvidia-smi nothing.
  if (host_sampler_ && host_.due(clock::now())) sample_host();
  if (got_data) start_due_parts();
  // Facts that could not be read (no driver yet) are tried again on their own cadence.
  if (facts_read_ && !facts_known_ && facts_.due(clock::now())) start_facts(!fields_.discovered());
  if (!facts_read_) {
    // The very first sample waits for the first facts reading, which runs beside it and takes
    // about as long: no client ever sees GPU figures without the versions that frame them.
    held_sample_ = std::move(outcome.table);
    holding_first_sample_ = true;
    return;
  }
  finish_gpu_outcome(std::move(outcome.table));
}

void collector::finish_gpu_outcome(std::optional<parsers::query_table> table) {
  const auto published = publish(std::move(table));
  if (options_.mode == collect_mode::interval) return schedule_tick();
  if (options_.mode != collect_mode::on_demand) return;
  answer(joined_, published);
  if (!waiting_.empty() && !stopped_) {
    joined_ = std::move(waiting_);
    waiting_.clear();
    query_.started(clock::now());
    run_query();
  }
}

void collector::check_driver(const parsers::query_table& table) {
  const auto driver = sampled_driver_version(table);
  if (!facts_known_ || driver.empty() || driver == working_.facts.driver_version) return;
  // A new driver: its versions, GPU list and field set may all differ.
  log::info("collector: driver changed to " + driver + "; reading static facts again");
  facts_known_ = false;
  start_facts(true);
}

// ---- Loop mode -----------------------------------------------------------------------------

void collector::start_loop() {
  if (!launcher_) {
    log::error("collector: loop mode without a process launcher");
    return;
  }
  loop_events events;
  auto self = shared_from_this();
  events.on_batch = [self](gpu_query_outcome batch) { self->on_loop_batch(std::move(batch)); };
  events.on_exit = [self](const collection_error& why, const std::string& rejected) {
    self->on_loop_exit(why, rejected);
  };
  events.fields = [self] { return self->fields_.fields(); };
  events.expected_rows = [self] { return self->working_.facts.listed.size(); };
  loop_ = std::make_shared<loop_source>(strand_, *launcher_, options_, std::move(events));
  loop_->start();
}

void collector::on_loop_batch(gpu_query_outcome batch) {
  if (stopped_) return;
  // A batch is one sample; its "run" is the interval the child took to print it.
  take_gpu_outcome(std::move(batch), 0, options_.refresh_interval.count(), wall_clock::now());
}

void collector::on_loop_exit(const collection_error& why, const std::string& rejected_field) {
  if (stopped_) return;
  if (!rejected_field.empty()) {
    if (fields_.drop(rejected_field, options_.max_field_retries)) {
      log::warning("collector: nvidia-smi rejected field " + rejected_field + "; dropped");
      return;  // the loop restarts at once with the smaller set
    }
  }
  log::warning("collector: nvidia-smi loop ended (" + why.kind + ": " + why.message +
               "); restarting it");
  take_gpu_outcome(gpu_query_outcome{std::nullopt, why, {}}, why.exit_code, 0.0, wall_clock::now());
}

// ---- The parts beside the GPU query --------------------------------------------------------

void collector::start_facts(bool discover) {
  if (stopped_ || facts_.in_flight()) return;
  const auto started = clock::now();
  const auto started_wall = wall_clock::now();
  facts_.started(started);
  read_facts(strand_, runner_, options_, discover,
             [self = shared_from_this(), started, started_wall](facts_reading reading) {
               self->on_facts(std::move(reading), started, started_wall);
             });
}

void collector::on_facts(facts_reading reading, clock::time_point started,
                         wall_clock::time_point started_wall) {
  facts_.finished();
  if (stopped_) return;
  facts_read_ = true;
  const bool known = reading.facts.nvidia_smi_available;
  record_part(working_.health.facts, started_wall, seconds_since(started),
              known ? std::nullopt : reading.error);
  // A reading that fails after a good one keeps the good facts; the first one is kept anyway,
  // so /health can say that nvidia-smi is missing.
  if (known || !facts_known_) working_.facts = std::move(reading.facts);
  facts_known_ = known;
  if (loop_) loop_->expect_rows(working_.facts.listed.size());
  if (!reading.catalog.fields.empty()) {
    const std::vector<parsers::resolved_field> before(fields_.fields().begin(),
                                                      fields_.fields().end());
    fields_.apply(reading.catalog);
    const bool changed =
        !std::equal(before.begin(), before.end(), fields_.fields().begin(), fields_.fields().end());
    if (changed && loop_) loop_->restart();
  }
  // A long-lived child cannot add fields later without being replaced, and the first sample
  // waits for this reading anyway: the child starts now, asking for all the driver offers.
  if (options_.mode == collect_mode::loop && !loop_) start_loop();
  if (query_waits_for_facts_) {
    query_waits_for_facts_ = false;
    run_query();
  }
  if (holding_first_sample_) {
    holding_first_sample_ = false;
    return finish_gpu_outcome(std::exchange(held_sample_, std::nullopt));
  }
  // Before the first GPU data, /health already tells what nvidia-smi is; later the facts ride
  // along with the next GPU sample.
  if (!working_.has_data() || options_.mode == collect_mode::on_demand) publish();
}

void collector::start_due_parts() {
  const auto now = clock::now();
  if (processes_.due(now)) start_processes();
  if (options_.details_interval.count() > 0.0 && details_.due(now)) start_details();
}

void collector::start_processes() {
  processes_.started(clock::now());
  run(compute_apps_request(options_), &collector::on_processes);
}

void collector::on_processes(const runner::run_result& r, clock::time_point started,
                             wall_clock::time_point started_wall) {
  processes_.finished();
  if (stopped_) return;
  auto outcome = read_compute_apps(r);
  record_part(working_.health.processes, started_wall, seconds_since(started), outcome.error);
  if (outcome.apps) {
    working_.apps = std::move(*outcome.apps);
    sample_app_processes();
    if (!options_.hpc_job_mapping_dir.empty())
      working_.hpc_jobs = system::read_hpc_job_map(options_.hpc_job_mapping_dir);
  }
  // On demand nothing else may publish for a long time. Elsewhere the next sample carries it,
  // except the first list: requests that show processes wait for it (has_collected_processes).
  // A first sample still held for the facts takes the list with it when it is published.
  const bool first_list = working_.health.processes.runs_total == 1 && !holding_first_sample_;
  if (options_.mode == collect_mode::on_demand || first_list) publish();
}

void collector::start_details() {
  details_.started(clock::now());
  run(query_details_request(options_), &collector::on_details);
}

void collector::on_details(const runner::run_result& r, clock::time_point started,
                           wall_clock::time_point started_wall) {
  details_.finished();
  if (stopped_) return;
  // -q only adds PCIe throughput: a failure keeps the previous values with their age.
  auto error = run_error(r);
  record_part(working_.health.details, started_wall, seconds_since(started), error);
  if (!error) working_.details = parsers::parse_query_details(r.out);
  if (options_.mode == collect_mode::on_demand) publish();
}

void collector::sample_host() {
  const auto started = clock::now();
  const auto started_wall = wall_clock::now();
  host_.started(started);
  working_.host = std::make_shared<const system::system_snapshot>(host_sampler_->sample(started));
  host_.finished();
  record_part(working_.health.host, started_wall, seconds_since(started), std::nullopt);
}

void collector::schedule_host_check() {
  // On demand nothing runs unasked, and every run's outcome takes the host along.
  if (stopped_ || !host_sampler_ || options_.mode == collect_mode::on_demand) return;
  const auto last = host_.last_start().value_or(clock::now());
  host_timer_.expires_at(last + host_overdue_after());
  host_timer_.async_wait(
      [self = shared_from_this()](boost::system::error_code ec) { self->on_host_check(ec); });
}

void collector::on_host_check(boost::system::error_code ec) {
  if (ec || stopped_) return;
  // GPU outcomes normally take the host along. One that is overdue means they stopped coming (a
  // hung or slowly failing nvidia-smi, a loop child that restarts): the host publishes alone.
  const auto last = host_.last_start();
  if (!last || clock::now() - *last >= host_overdue_after()) {
    sample_host();
    publish();
  }
  schedule_host_check();
}

collector::clock::duration collector::host_overdue_after() const {
  // Its own interval (at least one refresh interval when it rides with every sample), plus a
  // refresh interval of grace for the GPU outcome that would have taken it along.
  const auto refresh = std::chrono::duration_cast<clock::duration>(options_.refresh_interval);
  const auto floor = std::max<clock::duration>(refresh, std::chrono::milliseconds(100));
  return std::max(host_.interval(), floor) + floor;
}

void collector::sample_app_processes() {
  if (!host_sampler_) return;
  std::vector<std::int64_t> pids;
  for (const auto& app : working_.apps)
    if (app.pid) pids.push_back(*app.pid);
  working_.app_processes = host_sampler_->processes(pids, clock::now());
}

// ---- Publishing and scheduling -------------------------------------------------------------

snapshot_ptr collector::publish(std::optional<parsers::query_table> fresh_gpus) {
  if (loop_) working_.health.loop = loop_->health();
  if (fresh_gpus)
    working_.health.most_gpus_seen =
        std::max(working_.health.most_gpus_seen, fresh_gpus->rows.size() + fresh_gpus->lost.size());
  // The GPU table is most of a snapshot. A new one moves in; otherwise the last good one is
  // copied from the snapshot that carries it, so a sample never copies its own table.
  snapshot next = working_;
  next.gpus = fresh_gpus ? std::move(*fresh_gpus) : store_.current()->gpus;
  return store_.publish(std::move(next));
}

void collector::schedule_tick() {
  if (stopped_) return;
  timer_.expires_at(query_.next_due(clock::now()));
  timer_.async_wait(
      [self = shared_from_this()](boost::system::error_code ec) { self->on_tick(ec); });
}

void collector::on_tick(boost::system::error_code ec) {
  if (ec || stopped_) return;
  start_query();
}

// ---- On demand -----------------------------------------------------------------------------

void collector::handle_request(fresh_handler handler) {
  if (stopped_ || options_.mode != collect_mode::on_demand) return handler(store_.current());
  if (query_.in_flight()) {
    // A run already under way is fresh enough unless every answer must be a new sample.
    const bool join = options_.refresh_interval.count() > 0.0;
    (join ? joined_ : waiting_).push_back(std::move(handler));
    return;
  }
  if (fresh_enough()) return handler(store_.current());
  joined_.push_back(std::move(handler));
  query_.started(clock::now());
  run_query();
}

bool collector::fresh_enough() const {
  if (!last_gpu_result_ || options_.refresh_interval.count() <= 0.0) return false;
  return clock::now() - *last_gpu_result_ < options_.refresh_interval;
}

void collector::answer(std::vector<fresh_handler>& waiters, const snapshot_ptr& s) {
  auto batch = std::move(waiters);
  waiters.clear();
  for (auto& handler : batch) handler(s);
}

}  // namespace smistat::collect

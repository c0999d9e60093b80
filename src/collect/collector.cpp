#include "src/collect/collector.hpp"

#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <utility>

#include "src/collect/gpu_health_update.hpp"
#include "src/system/times_scheduled.hpp"

namespace smistat::collect {

namespace net = boost::asio;

collector::collector(collect_strand executor, runner::async_runner& runner, snapshot_store& store,
                     collector_options options, runner::stream_launcher* launcher)
    : strand_(std::move(executor)),
      runner_(runner),
      store_(store),
      options_(std::move(options)),
      fields_(options_.max_field_retries),
      facts_(strand_, runner, options_),
      host_(strand_, options_),
      processes_(strand_, runner, options_, host_.sampler()),
      details_(strand_, runner, options_),
      source_(make_gpu_source(strand_, runner, launcher, options_, fields_, *this)),
      launcher_(launcher) {
  working_.health.mode = mode_name(options_.mode);
  working_.health.refresh_interval = options_.refresh_interval.count();
}

void collector::start() {
  // The host comes from /proc and /sys, never from nvidia-smi: its first reading is published
  // before any run starts, so no answer shows the host empty, whether or not nvidia-smi answers.
  if (host_.enabled()) {
    host_.sample();
    publish();
  }
  net::post(strand_, [self = shared_from_this()] {
    if (self->stopped_) return;
    // On demand nothing runs unasked, and every run's outcome takes the host along.
    if (self->source_->samples_by_itself()) self->host_.watch([self] { self->publish(); });
    // The facts never hold the first query up: both start now (docs/architecture.md, "Cadences").
    // The loop child is the exception: it starts once the facts are read (see on_facts).
    self->start_facts(true);
    self->source_->start();
    if (self->streams_processes()) self->processes_.stream_with(*self->launcher_);
    if (self->streams_details()) self->details_.stream_with(*self->launcher_);
  });
}

bool collector::streams_processes() const {
  // A child printing every interval pays off only when the list is wanted with every sample;
  // a slower cadence is cheaper as a run now and then. Without the kernel's run counts a
  // silent child could not be told from a stuck one, so runs it is there too.
  return options_.mode == collect_mode::loop && launcher_ && options_.stream_processes &&
         options_.processes_interval <= options_.refresh_interval &&
         system::times_scheduled(::getpid()).has_value();
}

bool collector::streams_details() const {
  // Its documents are read with the samples, so only loop mode, which samples by itself.
  return options_.mode == collect_mode::loop && launcher_ && options_.stream_details &&
         options_.details_interval.count() > 0.0;
}

void collector::stop() {
  net::post(strand_, [self = shared_from_this()] {
    if (self->stopped_) return;
    self->stopped_ = true;
    self->host_.stop();
    self->facts_.stop();
    self->processes_.stop();
    self->details_.stop();
    self->runner_.cancel_all();
    self->source_->stop(self->store_.current());
  });
}

void collector::request_fresh(fresh_handler handler) {
  net::post(strand_, [self = shared_from_this(), handler = std::move(handler)]() mutable {
    if (self->stopped_) return handler(self->store_.current());
    self->source_->request_fresh(std::move(handler), self->store_.current());
  });
}

std::shared_ptr<gpu_sink> collector::keep_alive() {
  // The sink is a private base: the aliasing constructor shares ownership of the whole collector.
  return std::shared_ptr<gpu_sink>(shared_from_this(), static_cast<gpu_sink*>(this));
}

void collector::take_gpu_outcome(gpu_query_outcome outcome, int exit_code, double duration_seconds,
                                 wall_clock::time_point attempt) {
  if (stopped_) return;
  const bool got_data = outcome.table.has_value();
  if (got_data) {
    working_.sampled_at = wall_clock::now();
    if (facts_.driver_changed(*outcome.table)) start_facts(true);
  }
  record_gpu_outcome(working_.health, std::move(outcome.error), exit_code, duration_seconds,
                     attempt, got_data ? working_.sampled_at : std::nullopt);
  // The host rides along with every GPU outcome, failed ones included: it owes nvidia-smi nothing.
  if (host_.enabled() && host_.due(clock::now())) host_.sample();
  if (got_data) start_due_parts();
  // Facts that could not be read (no driver yet) are tried again on their own cadence.
  if (gate_.open() && facts_.retry_due(clock::now())) start_facts(!fields_.discovered());
  if (!gate_.open()) return gate_.hold(std::move(outcome.table));
  finish_gpu_outcome(std::move(outcome.table));
}

void collector::finish_gpu_outcome(std::optional<parsers::query_table> table) {
  source_->published(publish(std::move(table)));
}

void collector::start_facts(bool discover) {
  facts_.start(discover, [self = shared_from_this()](parsers::query_field_catalog catalog) {
    self->on_facts(catalog);
  });
}

void collector::on_facts(const parsers::query_field_catalog& catalog) {
  // A run that ends while stop() cancels it must not publish: nothing does after stop.
  if (stopped_) return;
  gate_.open_now();
  source_->gpus_listed(facts_.facts().listed.size());
  source_->facts_read(fields_.apply(catalog));
  if (gate_.holding()) return finish_gpu_outcome(gate_.release());
  // Before the first GPU data, /health already tells what nvidia-smi is; later the facts ride
  // along with the next GPU sample.
  if (!working_.has_data() || !source_->samples_by_itself()) publish();
}

void collector::start_due_parts() {
  const auto now = clock::now();
  auto self = shared_from_this();
  if (processes_.due(now)) {
    processes_.start([self] {
      // Requests that show processes wait for the first list (has_collected_processes); a first
      // sample still held for the facts takes the list with it when it is published.
      self->on_part_read(self->processes_.health().runs_total == 1 && !self->gate_.holding());
    });
  }
  if (details_.due(now)) details_.start([self] { self->on_part_read(false); });
}

void collector::on_part_read(bool first_process_list) {
  if (stopped_) return;
  // On demand nothing else may publish for a long time. Elsewhere the next sample carries it.
  if (!source_->samples_by_itself() || first_process_list) publish();
}

snapshot_ptr collector::publish(std::optional<parsers::query_table> fresh_gpus) {
  if (fresh_gpus)
    working_.health.most_gpus_seen =
        std::max(working_.health.most_gpus_seen, fresh_gpus->rows.size() + fresh_gpus->lost.size());
  snapshot next = working_;
  facts_.fill(next);
  host_.fill(next);
  processes_.fill(next);
  details_.fill(next);
  source_->fill_health(next.health);
  // The GPU table is most of a snapshot. A new one moves in; otherwise the last good one is
  // copied from the snapshot that carries it, so a sample never copies its own table. (Not a
  // conditional expression: with a const lvalue on one side it yields a const value, which
  // assignment copies instead of moving.)
  if (fresh_gpus)
    next.gpus = std::move(*fresh_gpus);
  else
    next.gpus = store_.current()->gpus;
  return store_.publish(std::move(next));
}

}  // namespace smistat::collect

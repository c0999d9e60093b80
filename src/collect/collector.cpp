#include "src/collect/collector.hpp"

#include <boost/asio/post.hpp>
#include <exception>
#include <utility>

#include "src/collect/smi_commands.hpp"
#include "src/log.hpp"

namespace smistat::collect {

namespace net = boost::asio;

collector::collector(net::any_io_executor executor, runner::async_runner& runner,
                     snapshot_store& store, collector_options options)
    : strand_(net::make_strand(std::move(executor))),
      timer_(strand_),
      runner_(runner),
      store_(store),
      options_(std::move(options)),
      host_sampler_(options_.host_root.empty()
                        ? nullptr
                        : std::make_unique<system::system_sampler>(options_.host_root)) {
  working_.health.mode = mode_name(options_.mode);
  working_.health.refresh_interval = options_.refresh_interval.count();
}

void collector::start() {
  net::post(strand_, [self = shared_from_this()] {
    if (self->stopped_ || self->cycle_running_) return;
    // On demand, the facts are still read at start: /health reports them before any sample.
    self->begin_cycle(self->options_.mode == collect_mode::interval);
  });
}

void collector::stop() {
  net::post(strand_, [self = shared_from_this()] {
    if (self->stopped_) return;
    self->stopped_ = true;
    self->timer_.cancel();
    if (self->cycle_running_) self->runner_.cancel_all();
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

void collector::handle_request(fresh_handler handler) {
  if (stopped_ || options_.mode == collect_mode::interval) return handler(store_.current());
  if (cycle_running_) {
    // A run already under way is fresh enough unless every answer must be a new sample.
    const bool join = cycle_samples_ && options_.refresh_interval.count() > 0.0;
    (join ? joined_ : waiting_).push_back(std::move(handler));
    return;
  }
  if (fresh_enough()) return handler(store_.current());
  joined_.push_back(std::move(handler));
  begin_cycle(true);
}

bool collector::fresh_enough() const {
  if (!last_finished_ || options_.refresh_interval.count() <= 0.0) return false;
  return std::chrono::steady_clock::now() - *last_finished_ < options_.refresh_interval;
}

void collector::answer(std::vector<fresh_handler>& waiters, const snapshot_ptr& s) {
  auto batch = std::move(waiters);
  waiters.clear();
  for (auto& handler : batch) handler(s);
}

void collector::begin_cycle(bool sample) {
  cycle_running_ = true;
  cycle_samples_ = sample;
  cycle_error_.reset();
  cycle_got_data_ = false;
  cycle_exit_code_ = 0;
  field_retries_ = 0;
  cycle_started_ = std::chrono::steady_clock::now();
  cycle_started_wall_ = wall_clock::now();
  steps_.clear();
  if (facts_needed_) steps_.insert(steps_.end(), {step::version, step::list_gpus});
  if (sample) {
    if (discovery_needed_) steps_.push_back(step::discovery);
    steps_.push_back(step::query_gpu);
  }
  steps_.push_back(step::finish);
  run_next();
}

void collector::run_next() {
  if (stopped_) return abandon_cycle();
  const step next = steps_.front();
  steps_.pop_front();
  switch (next) {
    case step::version: return run(version_request(options_), &collector::on_version);
    case step::banner: return run(banner_request(options_), &collector::on_banner);
    case step::list_gpus: return run(list_gpus_request(options_), &collector::on_list_gpus);
    case step::discovery: return run(help_query_gpu_request(options_), &collector::on_discovery);
    case step::query_gpu: return do_query_gpu();
    case step::compute_apps:
      return run(compute_apps_request(options_), &collector::on_compute_apps);
    case step::details: return run(query_details_request(options_), &collector::on_details);
    case step::finish: return finish_cycle();
  }
}

void collector::run(runner::run_request request, result_member on_result) {
  // The runner completes on its own executor; every step continues on the strand.
  runner_.async_run(std::move(request),
                    [self = shared_from_this(), on_result](runner::run_result r) {
                      net::post(self->strand_, [self, on_result, r = std::move(r)]() mutable {
                        try {
                          ((*self).*on_result)(std::move(r));
                        } catch (const std::exception& e) {
                          self->on_internal_error(e.what());
                        }
                      });
                    });
}

void collector::on_internal_error(const char* what) {
  // A bug in reading one output must cost one sample, never the collector.
  log::error(std::string("collector: ") + what);
  cycle_error_ = collection_error{"internal_error", 0, what};
  steps_.assign({step::finish});
  run_next();
}

void collector::abandon_cycle() {
  steps_.clear();
  cycle_running_ = false;
  const auto current = store_.current();
  answer(joined_, current);
  answer(waiting_, current);
}

void collector::finish_cycle() {
  if (cycle_samples_) {
    sample_host();
    update_health();
  }
  const auto published = store_.publish(working_);
  cycle_running_ = false;
  if (cycle_samples_) last_finished_ = std::chrono::steady_clock::now();
  answer(joined_, published);
  if (stopped_) return;
  if (!waiting_.empty()) {
    joined_ = std::move(waiting_);
    waiting_.clear();
    return begin_cycle(true);
  }
  if (options_.mode == collect_mode::interval) schedule_tick();
}

void collector::schedule_tick() {
  // Start-to-start: a run longer than the interval is followed at once by the next.
  const auto interval =
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(options_.refresh_interval);
  timer_.expires_at(cycle_started_ + interval);
  timer_.async_wait(
      [self = shared_from_this()](boost::system::error_code ec) { self->on_tick(ec); });
}

void collector::on_tick(boost::system::error_code ec) {
  if (ec || stopped_ || cycle_running_) return;
  begin_cycle(true);
}

}  // namespace smistat::collect

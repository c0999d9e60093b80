// The collector's steps: what each nvidia-smi answer changes, and the health bookkeeping.
#include <algorithm>
#include <utility>

#include "parsers/help_query_gpu.hpp"
#include "src/collect/collector.hpp"
#include "src/collect/smi_commands.hpp"
#include "src/collect/smi_results.hpp"
#include "src/log.hpp"

namespace smistat::collect {

void collector::on_version(runner::run_result r) {
  auto& facts = working_.facts;
  facts = static_facts{};
  facts.nvidia_smi_found = r.outcome != runner::run_outcome::spawn_failed;
  facts.nvidia_smi_available = apply_version(facts, r);
  // Old drivers have no --version; their banner still names the driver and CUDA versions.
  if (!facts.nvidia_smi_available && facts.nvidia_smi_found) steps_.push_front(step::banner);
  run_next();
}

void collector::on_banner(runner::run_result r) {
  working_.facts.nvidia_smi_available = apply_banner(working_.facts, r);
  run_next();
}

void collector::on_list_gpus(runner::run_result r) {
  apply_list_gpus(working_.facts, r);
  // Without a version there is nothing to compare samples with, so try again next cycle.
  facts_needed_ = !working_.facts.nvidia_smi_available;
  run_next();
}

void collector::on_discovery(runner::run_result r) {
  auto catalog = r.ok() ? parsers::parse_help_query_gpu(r.out) : parsers::query_field_catalog{};
  if (!catalog.fields.empty()) {
    fields_ = parsers::resolve_query_fields(catalog);
    discovery_needed_ = false;
  } else {
    // The driver was not ready: query the newest names now, discover again next cycle.
    log::debug("collector: field discovery failed; will retry");
    if (fields_.empty()) fields_ = parsers::resolve_query_fields({});
  }
  run_next();
}

void collector::do_query_gpu() {
  if (fields_.empty()) fields_ = parsers::resolve_query_fields({});
  run(query_gpu_request(options_, fields_), &collector::on_query_gpu);
}

void collector::on_query_gpu(runner::run_result r) {
  cycle_exit_code_ = r.outcome == runner::run_outcome::exited ? r.exit_code : 0;
  auto outcome = read_gpu_query(r, fields_);
  // One unknown field fails the whole query: drop it and ask again at once.
  if (!outcome.rejected_field.empty() && drop_rejected_field(outcome.rejected_field)) {
    steps_.push_front(step::query_gpu);
    return run_next();
  }
  cycle_error_ = std::move(outcome.error);
  if (outcome.table) on_gpu_table(std::move(*outcome.table));
  run_next();
}

bool collector::drop_rejected_field(const std::string& query_name) {
  if (field_retries_ >= options_.max_field_retries) return false;
  auto it = std::find_if(fields_.begin(), fields_.end(),
                         [&](const auto& f) { return f.query_name == query_name; });
  if (it == fields_.end()) return false;
  log::warning("collector: nvidia-smi rejected field " + query_name + "; dropped");
  fields_.erase(it);
  ++field_retries_;
  return true;
}

void collector::on_gpu_table(parsers::query_table table) {
  working_.gpus = std::move(table);
  working_.sampled_at = wall_clock::now();
  cycle_got_data_ = true;
  steps_.push_front(step::compute_apps);
  const auto driver = sampled_driver_version(working_.gpus);
  if (facts_needed_ || driver.empty() || driver == working_.facts.driver_version) return;
  // A new driver: its versions, GPU list and field set may all differ.
  log::info("collector: driver changed to " + driver + "; reading static facts again");
  facts_needed_ = true;
  discovery_needed_ = true;
  steps_.insert(steps_.begin() + 1, {step::version, step::list_gpus, step::discovery});
}

void collector::on_compute_apps(runner::run_result r) {
  auto outcome = read_compute_apps(r);
  if (outcome.apps) {
    working_.apps = std::move(*outcome.apps);
  } else if (!cycle_error_) {
    // The GPU rows are fresh; only the process list is kept from the last good sample.
    cycle_error_ = std::move(outcome.error);
  }
  if (options_.query_details) steps_.push_front(step::details);
  run_next();
}

void collector::on_details(runner::run_result r) {
  // -q only adds PCIe throughput: a failure keeps the previous values and is not a
  // collection error (the GPU rows are fresh).
  if (r.ok())
    working_.details = parsers::parse_query_details(r.out);
  else
    log::debug("collector: nvidia-smi -q failed; keeping the previous throughput figures");
  run_next();
}

void collector::sample_host() {
  if (!host_sampler_) return;
  const auto now = std::chrono::steady_clock::now();
  working_.host = std::make_shared<const system::system_snapshot>(host_sampler_->sample(now));
  std::vector<std::int64_t> pids;
  for (const auto& app : working_.apps)
    if (app.pid) pids.push_back(*app.pid);
  working_.app_processes = host_sampler_->processes(pids, now);
}

void collector::update_health() {
  auto& h = working_.health;
  const auto previous = h.last_error;
  h.last_attempt = cycle_started_wall_;
  h.last_duration_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - cycle_started_).count();
  h.last_exit_code = cycle_exit_code_;
  ++h.runs_total;
  if (!cycle_got_data_ && !cycle_error_)
    cycle_error_ = collection_error{"parse_error", cycle_exit_code_, "no GPU data"};
  h.last_error = cycle_error_;
  if (cycle_error_) {
    ++h.errors_total;
    ++h.errors_by_kind[cycle_error_->kind];
  }
  if (cycle_got_data_) {
    h.last_success = working_.sampled_at;
    h.consecutive_failures = 0;
  } else {
    ++h.consecutive_failures;
  }
  log_transition(previous);
}

void collector::log_transition(const std::optional<collection_error>& previous) const {
  // Log changes only: a machine without a driver would otherwise log every second.
  const auto& now = working_.health.last_error;
  if (now && (!previous || previous->kind != now->kind))
    log::warning("collector: " + now->kind + ": " + now->message);
  else if (!now && previous)
    log::info("collector: nvidia-smi answers again");
}

}  // namespace smistat::collect

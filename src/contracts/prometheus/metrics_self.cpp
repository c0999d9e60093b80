#include "src/contracts/prometheus/metrics_self.hpp"

#include <chrono>

#include "src/contracts/prometheus/metrics_dcgm.hpp"
#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {
namespace {

using enum metric_type;

double seconds_since_epoch(collect::wall_clock::time_point t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

void append_health(std::string& out, const collect::snapshot& s, unsigned gpus_expected) {
  const auto& h = s.health;
  const bool current = gpu_rows_are_current(s);
  append_single(out, "smistat_up", gauge, "Whether the last collection succeeded (1) or not (0).",
                {}, current && !h.last_error ? 1 : 0);
  append_single(out, "smistat_collect_duration_seconds", gauge,
                "Duration of the last nvidia-smi collection in seconds.", {},
                h.last_duration_seconds);
  if (h.last_success)
    append_single(out, "smistat_last_collect_success_timestamp_seconds", gauge,
                  "Unix time of the last collection that produced GPU data.", {},
                  seconds_since_epoch(*h.last_success));
  append_single(out, "smistat_collect_runs_total", counter, "Collections attempted.", {},
                static_cast<double>(h.runs_total));
  metric_family errors("smistat_collect_errors_total", counter,
                       "Collections that failed, by kind of failure.");
  for (const auto& [kind, count] : h.errors_by_kind)
    errors.add({{"kind", kind}}, static_cast<double>(count));
  errors.write(out);
  append_single(out, "smistat_collect_consecutive_failures", gauge,
                "Collections that failed since the last one that produced GPU data.", {},
                static_cast<double>(h.consecutive_failures));
  append_single(out, "smistat_nvidia_smi_exit_code", gauge,
                "Exit code of the last nvidia-smi run (0 when it did not exit by itself).", {},
                h.last_exit_code);
  append_single(out, "smistat_gpus", gauge, "GPUs in the current sample (0 while it is stale).", {},
                current ? static_cast<double>(s.gpus.rows.size()) : 0.0);
  append_single(out, "smistat_gpus_lost", gauge,
                "GPUs nvidia-smi reported as lost in the current sample.", {},
                current ? static_cast<double>(s.gpus.lost.size()) : 0.0);
  // Beside smistat_gpus so that a GPU gone from the bus is one rule (expected - present > 0).
  // Without the option and before any sample the expectation is unknown: no sample.
  const auto expected = gpus_expected > 0 ? gpus_expected : s.health.most_gpus_seen;
  if (expected > 0)
    append_single(out, "smistat_gpus_expected", gauge,
                  "GPUs this machine should have: --gpus-expected, else the most seen since start.",
                  {}, static_cast<double>(expected));
}

void append_server(std::string& out, const http_counters& server) {
  for (const auto& family : http_counter_families)
    append_single(out, family.name, counter, family.help, {},
                  static_cast<double>(server.*family.value));
}

}  // namespace

std::string render_self_metrics(const collect::snapshot& s, const http_counters& server,
                                const build_info& build, unsigned gpus_expected) {
  std::string out;
  append_health(out, s, gpus_expected);
  append_single(out, "smistat_build_info", gauge,
                "A metric with a constant '1' value labeled by version and revision.",
                {{"version", build.version}, {"revision", build.revision}}, 1);
  append_server(out, server);
  return out;
}

}  // namespace smistat::render

// The 000 routes that describe the server rather than the GPUs: `/`, `/health`, `/config`.
#include "src/contracts/gpu_statistics/gpu_statistics_status.hpp"

#include <chrono>

#include "src/common/iso_time.hpp"
#include "src/contracts/gpu_statistics/gpu_statistics_view.hpp"
#include "src/contracts/gpu_statistics/health_time.hpp"
#include "src/contracts/gpu_statistics/kubernetes_health.hpp"
#include "src/contracts/gpu_statistics/visible_devices.hpp"
#include "src/contracts/gpu_statistics/xid_health.hpp"
#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {

namespace {

void write_last_error(json_writer& w, const std::optional<collect::collection_error>& e) {
  if (!e) {
    w.null();
    return;
  }
  w.begin_object()
      .key("kind")
      .string(collect::name_of(e->kind))
      .key("exit_code")
      .integer(e->exit_code);
  w.key("message").string(e->message).end_object();
}

// Data is stale past 3 refresh intervals; with a zero interval (on demand) only when absent.
bool is_stale(const collect::snapshot& s, collect::wall_clock::time_point now) {
  if (!s.has_data()) return true;
  const double interval = s.health.refresh_interval;
  return interval > 0.0 && s.age_seconds(now) > 3.0 * interval;
}

/** Age of a part's value at `now`, in seconds, or null when it was never read. */
void write_age(json_writer& w, const std::optional<collect::wall_clock::time_point>& read_at,
               collect::wall_clock::time_point now) {
  if (!read_at) {
    w.null();
    return;
  }
  const double age = std::chrono::duration<double>(now - *read_at).count();
  w.number(python_round(age > 0.0 ? age : 0.0, 3));
}

void write_part(json_writer& w, const collect::part_health& p,
                collect::wall_clock::time_point now) {
  w.begin_object().key("last_attempt");
  write_time_or_null(w, p.last_attempt);
  w.key("last_success");
  write_time_or_null(w, p.last_success);
  w.key("age_seconds");
  write_age(w, p.last_success, now);
  w.key("last_error");
  write_last_error(w, p.last_error);
  w.key("runs_total").integer(static_cast<std::int64_t>(p.runs_total));
  w.key("errors_total").integer(static_cast<std::int64_t>(p.errors_total));
  w.end_object();
}

/** The parts collected beside the GPU query, each with its own age and last error. */
void write_parts(json_writer& w, const collect::collection_health& h,
                 collect::wall_clock::time_point now) {
  w.key("parts").begin_object();
  w.key("processes");
  write_part(w, h.processes, now);
  w.key("details");
  write_part(w, h.details, now);
  w.key("host");
  write_part(w, h.host, now);
  w.key("facts");
  write_part(w, h.facts, now);
  w.end_object();
}

void write_loop(json_writer& w, const collect::loop_health& loop,
                collect::wall_clock::time_point now) {
  w.key("loop").begin_object().key("pid");
  if (loop.pid > 0)
    w.integer(loop.pid);
  else
    w.null();
  w.key("restarts").integer(static_cast<std::int64_t>(loop.restarts));
  w.key("batches").integer(static_cast<std::int64_t>(loop.batches));
  w.key("last_line_age_seconds");
  write_age(w, loop.last_line, now);
  w.end_object();
}

/** The GPUs the 000 routes leave out because their memory is unknown (read_served_gpus). */
std::vector<stats_gpu> incomplete_gpus(const collect::snapshot& s) {
  std::vector<stats_gpu> gpus = read_stats_gpus(s.gpus);
  std::erase_if(gpus, [](const stats_gpu& g) { return unknown_memory_figures(g).empty(); });
  return gpus;
}

void write_incomplete_gpus(json_writer& w, const collect::snapshot& s) {
  w.key("incomplete_gpus").begin_array();
  for (const auto& g : incomplete_gpus(s)) {
    w.begin_object().key("gpu_id").integer(g.gpu_id).key("name").string(g.name);
    w.key("unknown").begin_array();
    for (const auto figure : unknown_memory_figures(g)) w.string(figure);
    w.end_array().end_object();
  }
  w.end_array();
}

void write_activity(json_writer& w, const collection_activity& a) {
  w.key("in_flight").begin_object();
  w.key("runs").integer(static_cast<std::int64_t>(a.runs));
  w.key("loop_children").integer(static_cast<std::int64_t>(a.loop_children)).end_object();
}

void write_collection(json_writer& w, const collect::snapshot& s,
                      collect::wall_clock::time_point now,
                      const std::optional<collection_activity>& activity) {
  const auto& h = s.health;
  w.begin_object().key("mode").string(h.mode).key("refresh_interval").number(h.refresh_interval);
  w.key("last_attempt");
  write_time_or_null(w, h.last_attempt);
  w.key("last_success");
  write_time_or_null(w, h.last_success);
  w.key("age_seconds");
  if (s.has_data())
    w.number(python_round(s.age_seconds(now), 3));
  else
    w.null();
  w.key("stale").boolean(is_stale(s, now));
  w.key("consecutive_failures").integer(static_cast<std::int64_t>(h.consecutive_failures));
  w.key("last_error");
  write_last_error(w, h.last_error);
  w.key("lost_gpus").begin_array();
  for (const auto& lost : s.gpus.lost)
    w.begin_object()
        .key("bus_id")
        .string(lost.bus_id)
        .key("message")
        .string(lost.line)
        .end_object();
  w.end_array();
  write_incomplete_gpus(w, s);
  w.key("runs_total").integer(static_cast<std::int64_t>(h.runs_total));
  w.key("errors_total").integer(static_cast<std::int64_t>(h.errors_total));
  write_parts(w, h, now);
  if (h.loop) write_loop(w, *h.loop, now);
  if (activity) write_activity(w, *activity);
  w.end_object();
}

void write_gpu_filtering(json_writer& w, const collect::snapshot& s,
                         const gpu_statistics_settings& settings) {
  const stats_view view = make_stats_view(s, settings.visible_gpu_ids);
  w.key("gpu_filtering").begin_object().key("cuda_visible_devices");
  if (settings.cuda_visible_devices)
    w.string(*settings.cuda_visible_devices);
  else
    w.null();
  w.key("visible_gpu_ids");
  if (settings.visible_gpu_ids) {
    w.begin_array();
    for (const std::int64_t id : *settings.visible_gpu_ids) w.integer(id);
    w.end_array();
  } else {
    w.null();
  }
  w.key("filtering_active").boolean(settings.visible_gpu_ids.has_value());
  w.key("total_system_gpus").integer(static_cast<std::int64_t>(view.total_system_gpus));
  w.key("visible_gpu_count").integer(static_cast<std::int64_t>(view.gpus.size()));
  w.end_object();
}

}  // namespace

std::string render_home(const collect::snapshot&, const gpu_statistics_settings& settings,
                        collect::wall_clock::time_point) {
  std::string out;
  json_writer w(out);
  // The message and the endpoint list are hard-coded in the original (TITLE does not apply).
  w.begin_object().key("message").string("GPU Statistics Server");
  w.key("version").string(settings.version).key("endpoints").begin_object();
  w.key("/").string("This help message");
  w.key("/gpu/stats").string("Get detailed GPU statistics");
  w.key("/gpu/count").string("Get number of installed GPUs");
  w.key("/gpu/summary").string("Get summary of GPU usage");
  w.key("/health").string("Health check endpoint");
  w.key("/config").string("Get server configuration");
  w.key("/docs").string("Swagger API documentation");
  w.key("/redoc").string("ReDoc API documentation");
  w.end_object().end_object();
  return out;
}

std::string render_health(const collect::snapshot& s, const gpu_statistics_settings&,
                          collect::wall_clock::time_point now,
                          const std::optional<collection_activity>& activity,
                          const collect::xid_report* xid, const collect::kubernetes_report* pods) {
  // A GPU the 000 routes cannot show, lost or incomplete, degrades the machine.
  const bool degraded = s.degraded(now) || !s.gpus.lost.empty() || !incomplete_gpus(s).empty();
  std::string out;
  json_writer w(out);
  w.begin_object().key("status").string(degraded ? "degraded" : "healthy");
  w.key("nvidia_smi_available").boolean(s.facts.nvidia_smi_available);
  w.key("timestamp").string(common::local_isoformat(now)).key("collection");
  write_collection(w, s, now, activity);
  if (xid) write_xid_health(w.key("xid"), s, *xid);
  if (pods) write_kubernetes_health(w.key("kubernetes"), *pods);
  w.end_object();
  return out;
}

std::string render_config(const collect::snapshot& s, const gpu_statistics_settings& settings,
                          collect::wall_clock::time_point) {
  std::string out;
  json_writer w(out);
  w.begin_object().key("server").begin_object();
  w.key("host").string(settings.host).key("port").integer(settings.port);
  w.key("reload").boolean(settings.reload).key("log_level").string(settings.log_level);
  w.key("access_log").boolean(settings.access_log).key("workers").integer(settings.workers);
  w.end_object().key("api").begin_object();
  w.key("title").string(settings.title).key("version").string(settings.version);
  w.key("docs_url").string(settings.docs_url).key("redoc_url").string(settings.redoc_url);
  w.key("enable_cors").boolean(settings.enable_cors);
  w.key("api_prefix").string(settings.api_prefix).end_object();
  w.key("monitoring").begin_object().key("refresh_interval").number(settings.refresh_interval);
  w.key("max_history").integer(settings.max_history).end_object();
  write_gpu_filtering(w, s, settings);
  w.end_object();
  return out;
}

}  // namespace smistat::render

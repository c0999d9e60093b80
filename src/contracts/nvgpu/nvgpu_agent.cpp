#include "src/contracts/nvgpu/nvgpu_agent.hpp"

#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {
namespace {

// flask_restful's output_json: json.dumps defaults (ensure_ascii, spaced separators) + "\n".
constexpr json_style flask_style{true, true};

void write_memory(json_writer& w, const std::optional<nvgpu_memory>& m) {
  if (!m) {
    w.null();
    return;
  }
  w.begin_object();
  w.key("total").integer(m->total);
  w.key("free").integer(m->free);
  w.key("used").integer(m->used);
  w.end_object();
}

void write_device(json_writer& w, const nvgpu_device& d) {
  w.begin_object();
  w.key("type").string_or_null(d.type);
  w.key("is_available").boolean(d.is_available);
  w.key("pids").string(d.pids);
  w.key("users").string(d.users);
  w.key("running_since").string_or_null(d.running_since);
  w.key("utilization").integer_or_null(d.utilization);
  w.key("memory");
  write_memory(w, d.memory);
  w.key("clock_mhz").integer_or_null(d.clock_mhz);
  w.key("temperature").integer_or_null(d.temperature);
  w.key("cmd").string_or_null(d.cmd);
  w.end_object();
}

}  // namespace

std::string render_nvgpu_agent(const collect::snapshot& s, std::string_view hostname,
                               std::chrono::system_clock::time_point now) {
  return render_nvgpu_agent(nvgpu_devices(s, now), hostname);
}

std::string render_nvgpu_agent(std::span<const nvgpu_device> devices, std::string_view hostname) {
  std::string out;
  json_writer w(out, flask_style);
  w.begin_object();
  w.key("hostname").string(hostname);
  w.key("gpus").begin_array();
  for (const auto& d : devices) write_device(w, d);
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

std::string render_nvgpu_error(std::string_view message) {
  std::string out;
  json_writer w(out, flask_style);
  w.begin_object().key("message").string(message).end_object();
  out += '\n';
  return out;
}

}  // namespace smistat::render

#include "src/contracts/nvgpu/nvgpu_agent_reader.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace smistat::render {
namespace {

namespace json = boost::json;

std::optional<std::string> text_or_null(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

std::optional<std::int64_t> integer_or_null(const json::value* v) {
  if (v && v->is_int64()) return v->get_int64();
  if (v && v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  return std::nullopt;
}

std::optional<nvgpu_memory> memory_of(const json::value* v) {
  if (!v || !v->is_object()) return std::nullopt;
  const auto& o = v->get_object();
  const auto total = integer_or_null(o.if_contains("total"));
  const auto free = integer_or_null(o.if_contains("free"));
  const auto used = integer_or_null(o.if_contains("used"));
  if (!total || !free || !used) return std::nullopt;
  return nvgpu_memory{*total, *free, *used};
}

nvgpu_device device_of(const json::value& v) {
  if (!v.is_object()) throw std::runtime_error("a GPU entry is not an object");
  const auto& o = v.get_object();
  nvgpu_device d;
  d.type = text_or_null(o, "type");
  const auto* available = o.if_contains("is_available");
  d.is_available = available && available->is_bool() && available->get_bool();
  d.pids = text_or_null(o, "pids").value_or("");
  d.users = text_or_null(o, "users").value_or("");
  d.running_since = text_or_null(o, "running_since");
  d.utilization = integer_or_null(o.if_contains("utilization"));
  d.memory = memory_of(o.if_contains("memory"));
  d.clock_mhz = integer_or_null(o.if_contains("clock_mhz"));
  d.temperature = integer_or_null(o.if_contains("temperature"));
  d.cmd = text_or_null(o, "cmd");
  return d;
}

}  // namespace

nvgpu_agent_report read_nvgpu_agent(std::string_view body) {
  boost::system::error_code ec;
  const auto v = json::parse(body, ec);
  if (ec || !v.is_object()) throw std::runtime_error("the answer is not the agent JSON");
  const auto& o = v.get_object();
  const auto* gpus = o.if_contains("gpus");
  if (!gpus || !gpus->is_array()) throw std::runtime_error("the answer has no \"gpus\" list");
  nvgpu_agent_report report;
  report.hostname = text_or_null(o, "hostname").value_or("");
  for (const auto& g : gpus->get_array()) report.devices.push_back(device_of(g));
  return report;
}

}  // namespace smistat::render

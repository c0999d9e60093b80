#include "tests/parsers/parsed_json.hpp"

#include <charconv>
#include <cstdio>

#include "parsers/banner.hpp"
#include "parsers/compute_apps.hpp"
#include "parsers/csv_dialect.hpp"
#include "parsers/help_query_gpu.hpp"
#include "parsers/list_gpus.hpp"
#include "parsers/query_csv.hpp"
#include "parsers/version.hpp"
#include "tests/parsers/json_writer.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

namespace fs = std::filesystem;
using parsers::value_kind;

constexpr const char* states[] = {"idle", "load"};

std::string quoted_number(double d) {
  // Shortest round-trip text, quoted: a JSON double would print differently per library.
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return json_writer::quote(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

std::string timestamp_json(const parsers::smi_timestamp& t) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d", t.year, t.month, t.day,
                t.hour, t.minute, t.second, t.millisecond);
  return json_writer::quote(buf);
}

template <typename T, typename F>
std::string or_null(const std::optional<T>& v, F render) {
  return v ? render(*v) : std::string("null");
}

std::string cell_json(const parsers::cell& c, value_kind kind) {
  inline_object o;
  o.str("raw", c.raw).str("state", parsers::to_string(c.state));
  o.str("kind", parsers::to_string(kind));
  if (c.has_value() && kind != value_kind::text) o.raw("value", typed_value_json(c, kind));
  return o.done();
}

void write_version(json_writer& w, const fs::path& dir) {
  w.key("version");
  if (!fs::exists(dir / "version.txt")) return w.null_value();
  const auto v = parsers::parse_version(read_file(dir / "version.txt"));
  if (!v) return w.raw_value("\"not recognized\"");
  w.raw_value(inline_object()
                  .str("nvidia_smi", v->nvidia_smi_version)
                  .str("nvml", v->nvml_version)
                  .str("driver", v->driver_version)
                  .str("cuda", v->cuda_version)
                  .raw("kmd_layout", v->kmd_layout ? "true" : "false")
                  .done());
}

void write_list_gpus(json_writer& w, const fs::path& dir) {
  w.key("list_gpus");
  if (!fs::exists(dir / "list-gpus.txt")) return w.null_value();
  const auto list = parsers::parse_list_gpus(read_file(dir / "list-gpus.txt"));
  w.begin_object();
  w.key("gpus");
  w.begin_array();
  for (const auto& g : list.gpus) {
    w.raw_value(inline_object()
                    .raw("index", std::to_string(g.index))
                    .str("name", g.name)
                    .str("uuid", g.uuid)
                    .raw("mig_devices", std::to_string(g.mig_devices.size()))
                    .done());
    for (const auto& m : g.mig_devices)
      w.raw_value(inline_object()
                      .raw("gpu", std::to_string(g.index))
                      .str("mig_profile", m.profile)
                      .raw("device", std::to_string(m.device))
                      .str("uuid", m.uuid)
                      .done());
  }
  w.end_array();
  w.key("unrecognized");
  w.begin_array();
  for (const auto& line : list.unrecognized) w.value(line);
  w.end_array();
  w.end_object();
}

void write_help(json_writer& w, const fs::path& dir) {
  w.key("help_query_gpu");
  if (!fs::exists(dir / "help-query-gpu.txt")) return w.null_value();
  const auto catalog = parsers::parse_help_query_gpu(read_file(dir / "help-query-gpu.txt"));
  w.begin_object();
  w.key("field_count");
  w.value(static_cast<std::int64_t>(catalog.fields.size()));
  w.key("fields");
  w.begin_object();
  for (const auto& f : catalog.fields) {
    std::string aliases = "[";
    for (const auto& a : f.aliases)
      aliases += (aliases.size() > 1 ? ", " : "") + json_writer::quote(a);
    w.key(f.name);
    w.raw_value(aliases + "]");
  }
  w.end_object();
  w.end_object();
}

void write_table(json_writer& w, const std::string& text) {
  const auto names = parsers::header_field_names(text);
  const auto table = parsers::parse_query_csv(text, names, {});
  if (!table) return w.value("parse error: " + table.error().message());
  w.begin_object();
  w.key("fields");
  w.value(static_cast<std::int64_t>(names.size()));
  w.key("lost");
  w.value(static_cast<std::int64_t>(table->lost.size()));
  w.key("rows");
  w.begin_array();
  for (const auto& row : table->rows) {
    w.begin_object();
    for (std::size_t i = 0; i < row.size(); ++i) {
      w.key(table->returned[i].name);
      w.raw_value(cell_json(row[i], parsers::kind_of_field(names[i], table->returned[i].unit)));
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_apps(json_writer& w, const std::string& text) {
  const auto names = parsers::header_field_names(text);
  const auto apps = parsers::parse_compute_apps(text, names, {});
  if (!apps) return w.value("parse error: " + apps.error().message());
  w.begin_array();
  for (const auto& a : *apps)
    w.raw_value(inline_object()
                    .str("gpu_uuid", a.gpu_uuid)
                    .str("gpu_bus_id", a.gpu_bus_id)
                    .raw("pid", or_null(a.pid, [](auto n) { return std::to_string(n); }))
                    .str("process_name", a.process_name)
                    .raw("used_memory_mib",
                         or_null(a.used_memory_mib, [](auto n) { return std::to_string(n); }))
                    .str("used_memory_state", parsers::to_string(a.used_memory.state))
                    .done());
  w.end_array();
}

void write_banner(json_writer& w, const std::string& text) {
  const auto b = parsers::parse_banner(text);
  if (!b) return w.null_value();
  w.raw_value(inline_object()
                  .str("nvidia_smi", b->nvidia_smi_version)
                  .str("driver", b->driver_version)
                  .str("cuda", b->cuda_version)
                  .done());
}

// One member per recorded state (`idle`, `load`) of a `<stem>.<state>.<ext>` file.
template <typename F>
void write_per_state(json_writer& w, const fs::path& dir, std::string_view stem,
                     std::string_view ext, F write_one) {
  w.key(stem);
  w.begin_object();
  for (const char* state : states) {
    const auto path = dir / (std::string(stem) + "." + state + "." + std::string(ext));
    if (!fs::exists(path)) continue;
    w.key(state);
    write_one(w, read_file(path));
  }
  w.end_object();
}

}  // namespace

std::string typed_value_json(const parsers::cell& c, value_kind kind) {
  const auto integer = [](auto n) { return std::to_string(n); };
  switch (kind) {
    case value_kind::text: return json_writer::quote(c.raw);
    case value_kind::number: return or_null(parsers::to_number(c), quoted_number);
    case value_kind::integer: return or_null(parsers::to_integer(c), integer);
    case value_kind::hex: return or_null(parsers::to_hex(c), integer);
    case value_kind::flag:
      return or_null(parsers::to_flag(c), [](bool b) { return std::string(b ? "true" : "false"); });
    case value_kind::pstate: return or_null(parsers::to_pstate(c), integer);
    case value_kind::timestamp: return or_null(parsers::to_timestamp(c), timestamp_json);
  }
  return "null";
}

std::string render_machine(const fs::path& dir) {
  json_writer w;
  w.begin_object();
  w.key("machine");
  w.value(dir.filename().string());
  write_version(w, dir);
  write_list_gpus(w, dir);
  write_help(w, dir);
  write_per_state(w, dir, "query-gpu", "csv", write_table);
  write_per_state(w, dir, "compute-apps", "csv", write_apps);
  write_per_state(w, dir, "banner", "txt", write_banner);
  w.end_object();
  return w.str();
}

}  // namespace smistat::test

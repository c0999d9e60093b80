#include "parsers/compute_apps.hpp"

#include <array>

namespace smistat::parsers {
namespace {

enum class app_column { gpu_uuid, gpu_bus_id, gpu_name, pid, process_name, used_memory, other };

app_column column_of(std::string_view field) noexcept {
  static constexpr std::array<std::pair<std::string_view, app_column>, 8> names{{
      {"gpu_uuid", app_column::gpu_uuid},
      {"gpu_bus_id", app_column::gpu_bus_id},
      {"gpu_name", app_column::gpu_name},
      {"pid", app_column::pid},
      {"process_name", app_column::process_name},
      {"name", app_column::process_name},
      {"used_gpu_memory", app_column::used_memory},
      {"used_memory", app_column::used_memory},
  }};
  for (const auto& [name, column] : names)
    if (name == field) return column;
  return app_column::other;
}

// Text fields keep their placeholder text out: an `[N/A]` serial or name reads as empty.
std::string text_of(const cell& c) { return c.has_value() ? std::string(c.raw) : std::string(); }

void assign(compute_app& app, app_column column, const cell& c) {
  switch (column) {
    case app_column::gpu_uuid: app.gpu_uuid = text_of(c); break;
    case app_column::gpu_bus_id: app.gpu_bus_id = text_of(c); break;
    case app_column::gpu_name: app.gpu_name = text_of(c); break;
    case app_column::pid: app.pid = to_integer(c); break;
    case app_column::process_name: app.process_name = text_of(c); break;
    case app_column::used_memory:
      app.used_memory = owned_cell(c);
      app.used_memory_mib = to_integer(c);  // MiB with or without `nounits`
      break;
    case app_column::other: break;
  }
}

}  // namespace

boost::system::result<std::vector<compute_app>> parse_compute_apps(
    std::string_view text, std::span<const std::string> fields, csv_format format) {
  std::vector<app_column> columns;
  columns.reserve(fields.size());
  for (const auto& f : fields) columns.push_back(column_of(f));
  // The process name is the only free text in the row: a Windows path such as
  // `C:\Program Files\Foo, Inc\app.exe` prints its comma unquoted.
  std::optional<std::size_t> name_column;
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == app_column::process_name) name_column = i;
  auto table = parse_query_csv(text, fields, format, name_column);
  if (!table) return table.error();
  std::vector<compute_app> apps;
  apps.reserve(table->rows.size());
  for (const auto& row : table->rows) {
    compute_app app;
    for (std::size_t i = 0; i < row.size(); ++i) assign(app, columns[i], row[i]);
    apps.push_back(std::move(app));
  }
  return apps;
}

}  // namespace smistat::parsers

#include "tests/contracts/machine_fixture.hpp"

#include <gtest/gtest.h>

#include "parsers/compute_apps.hpp"
#include "parsers/csv_dialect.hpp"
#include "parsers/query_details.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

// The state snapshot_from_machine chose: load when recorded, else idle.
std::string state_of(const std::filesystem::path& dir) {
  return std::filesystem::exists(dir / "query-gpu.load.csv") ? "load" : "idle";
}

std::vector<parsers::compute_app> read_apps(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) return {};
  const std::string text = read_file(file);
  auto apps = parsers::parse_compute_apps(text, parsers::header_field_names(text), {true, true});
  EXPECT_TRUE(apps.has_value()) << file;
  return apps ? *apps : std::vector<parsers::compute_app>{};
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::vector<system::process_details> resolve_all_but_last(
    const std::vector<parsers::compute_app>& apps) {
  std::vector<system::process_details> out;
  for (std::size_t i = 0; i + 1 < apps.size(); ++i) {
    if (!apps[i].pid) continue;
    system::process_details d;
    d.pid = *apps[i].pid;
    d.name = base_name(apps[i].process_name);
    d.username = "alice";
    d.cpu_percent = 12.25 * static_cast<double>(i + 1);
    out.push_back(d);
  }
  return out;
}

}  // namespace

std::shared_ptr<const system::system_snapshot> fixed_host() {
  auto h = std::make_shared<system::system_snapshot>();
  h->os = {"Linux", "6.1.0-18-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1",    "x86_64",
           "",      "node01",         "Linux-6.1.0-18-amd64-x86_64-with-glibc2.36"};
  h->cpu = {8, 16, 25.5, {20.1, 30.2}, 3200.0, 800.0, 4200.0};
  h->memory.total = 34359738368;
  h->memory.available = 17179869184;
  h->memory.used = 17179869184;
  h->memory.free = 8589934592;
  h->memory.cached = 4294967296;
  h->memory.buffers = 536870912;
  h->memory.percent = 50.0;
  h->memory.top_processes = {{1234, "python3", 851863142, "alice"}, {1, "systemd", 13107200, ""}};
  h->disk = {751619276800, 537407782912, 214211493888, 71.5};
  h->root_disk = {107374182400, 53687091200, 48318382080, 52.6};
  h->io = {1048576.0, 524288.0, 150.5, 75.25, 1099511627776, 549755813888, 15728640, 7864320};
  h->max_temperature_celsius = 45.0;
  return h;
}

collect::snapshot machine_snapshot_001(const std::filesystem::path& dir) {
  collect::snapshot s = snapshot_from_machine(dir);
  const std::string state = state_of(dir);
  s.apps = read_apps(dir / ("compute-apps." + state + ".csv"));
  const auto q = dir / ("q." + state + ".txt");
  if (std::filesystem::exists(q)) s.details = parsers::parse_query_details(read_file(q));
  s.app_processes = resolve_all_but_last(s.apps);
  s.host = fixed_host();
  return s;
}

collect::snapshot single_row_snapshot(std::string_view fields, std::string_view values) {
  std::vector<std::string> names;
  for (const auto f : parsers::split_cells(fields)) names.emplace_back(f);
  auto table = parsers::parse_query_csv(values, names, {false, false});
  EXPECT_TRUE(table.has_value()) << values;
  collect::snapshot s = empty_snapshot();
  s.generation = 1;
  s.sampled_at = sample_time();
  s.gpus = table ? std::move(*table) : parsers::query_table{};
  return s;
}

}  // namespace smistat::test

#include "tests/contracts/prometheus/metrics_snapshots.hpp"

#include <gtest/gtest.h>

#include "parsers/query_csv.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::test {

const std::vector<std::string>& small_table_fields() {
  static const std::vector<std::string> fields{"index",      "uuid",           "name",
                                               "pci.bus_id", "driver_version", "temperature.gpu",
                                               "power.draw", "memory.used",    "utilization.gpu"};
  return fields;
}

collect::snapshot small_snapshot(std::string_view csv_rows) {
  return snapshot_of(small_table_fields(), csv_rows);
}

collect::snapshot snapshot_of(const std::vector<std::string>& fields, std::string_view csv_rows) {
  auto table = parsers::parse_query_csv(csv_rows, fields, {false, false});
  EXPECT_TRUE(table.has_value()) << "invalid test table:\n" << csv_rows;
  collect::snapshot s = empty_snapshot();
  s.generation = 1;
  s.sampled_at = sample_time();
  s.health.last_attempt = sample_time();
  s.health.last_success = sample_time();
  s.health.runs_total = 1;
  s.facts.driver_version = "590.48.01";
  s.facts.cuda_version = "13.1";
  if (table) s.gpus = std::move(*table);
  return s;
}

render::metrics_settings fixed_settings(render::metrics_profile profile) {
  return {profile, "Hostname", "node-1"};
}

std::vector<std::string> lines_starting(std::string_view text, std::string_view prefix) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const auto line = text.substr(pos, end - pos);
    if (line.starts_with(prefix)) out.emplace_back(line);
    pos = end + 1;
  }
  return out;
}

}  // namespace smistat::test

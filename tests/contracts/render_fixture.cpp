#include "tests/contracts/render_fixture.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "parsers/csv_dialect.hpp"
#include "parsers/list_gpus.hpp"
#include "parsers/query_fields.hpp"
#include "parsers/version.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {

namespace {

// Expected bodies carry local times; pin the zone so they read the same on every machine.
class utc_environment : public ::testing::Environment {
 public:
  void SetUp() override {
    ::setenv("TZ", "UTC", 1);
    ::tzset();
  }
};

[[maybe_unused]] ::testing::Environment* const utc_env =
    ::testing::AddGlobalTestEnvironment(new utc_environment);

collect::snapshot healthy(parsers::query_table table) {
  collect::snapshot s;
  s.generation = 1;
  s.sampled_at = sample_time();
  s.gpus = std::move(table);
  s.facts.nvidia_smi_available = true;
  s.facts.nvidia_smi_found = true;
  s.health.last_attempt = sample_time();
  s.health.last_success = sample_time();
  s.health.runs_total = 1;
  return s;
}

std::string read_optional(const std::filesystem::path& path) {
  return std::filesystem::exists(path) ? read_file(path) : std::string();
}

std::vector<std::string> header_keys(std::string_view text) {
  auto keys = parsers::header_field_names(text);
  for (auto& key : keys) key = key_for_header_name(key);
  return keys;
}

}  // namespace

collect::wall_clock::time_point sample_time() {
  using namespace std::chrono;
  return sys_days{year{2026} / November / 21} + hours{23} + minutes{18} + seconds{33} +
         microseconds{706334};
}

const std::vector<std::string>& contract_000_fields() {
  static const std::vector<std::string> fields{"index",           "name",        "memory.total",
                                               "memory.used",     "memory.free", "utilization.gpu",
                                               "temperature.gpu", "power.draw",  "power.limit"};
  return fields;
}

collect::snapshot snapshot_from_000_csv(std::string_view text) {
  auto table = parsers::parse_query_csv(text, contract_000_fields(), {false, false});
  EXPECT_TRUE(table.has_value()) << "invalid test table:\n" << text;
  collect::snapshot s = healthy(table ? std::move(*table) : parsers::query_table{});
  s.facts.driver_version = "535.104.05";
  s.facts.cuda_version = "12.2";
  s.facts.nvml_version = "535.104";
  return s;
}

collect::snapshot four_gpu_snapshot() {
  return snapshot_from_000_csv(read_file(std::filesystem::path(SMISTAT_RENDER_DATA_DIR) /
                                         "synthetic-contract-000-4gpu.csv"));
}

collect::snapshot empty_snapshot() {
  collect::snapshot s;
  s.facts.nvidia_smi_available = true;
  s.facts.nvidia_smi_found = true;
  return s;
}

std::string key_for_header_name(std::string_view name) {
  for (const auto& wanted : parsers::default_query_fields())
    for (const auto alias : wanted.names)
      if (alias == name) return std::string(wanted.key);
  // The whole family was renamed in 535; the other members are not queried but map alike.
  constexpr std::string_view old_prefix = "clocks_throttle_reasons";
  if (name.starts_with(old_prefix))
    return "clocks_event_reasons" + std::string(name.substr(old_prefix.size()));
  return std::string(name);
}

collect::snapshot snapshot_from_machine(const std::filesystem::path& dir) {
  std::string text = read_optional(dir / "query-gpu.load.csv");
  if (text.empty()) text = read_file(dir / "query-gpu.idle.csv");
  const auto keys = header_keys(text);
  auto table = parsers::parse_query_csv(text, keys, {true, true});
  EXPECT_TRUE(table.has_value()) << dir << ": " << table.error().message();
  collect::snapshot s = healthy(table ? std::move(*table) : parsers::query_table{});
  if (const auto v = parsers::parse_version(read_optional(dir / "version.txt"))) {
    s.facts.driver_version = v->driver_version;
    s.facts.cuda_version = v->cuda_version;
    s.facts.nvml_version = v->nvml_version;
  }
  s.facts.listed = parsers::parse_list_gpus(read_optional(dir / "list-gpus.txt")).gpus;
  return s;
}

}  // namespace smistat::test

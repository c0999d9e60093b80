#include "src/collect/snapshot.hpp"

#include <gtest/gtest.h>

#include <iterator>
#include <set>
#include <string_view>
#include <utility>

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;

const wall_clock::time_point t0{std::chrono::seconds(1'800'000'000)};

snapshot with_data(double interval, std::uint64_t failures) {
  snapshot s;
  s.sampled_at = t0;
  s.health.refresh_interval = interval;
  s.health.consecutive_failures = failures;
  return s;
}

TEST(snapshot, failure_kinds_keep_their_published_names) {
  // The names are part of every contract (last_error.kind, /metrics' `kind` label): renaming an
  // enumerator must not rename what clients see.
  using enum collection_failure;
  const std::pair<collection_failure, std::string_view> rows[] = {
      {nvidia_smi_missing, "nvidia_smi_missing"},
      {timed_out, "timed_out"},
      {output_too_large, "output_too_large"},
      {killed_by_signal, "killed_by_signal"},
      {driver_not_loaded, "driver_not_loaded"},
      {nvml_library_missing, "nvml_library_missing"},
      {no_devices, "no_devices"},
      {gpu_lost, "gpu_lost"},
      {invalid_field, "invalid_field"},
      {insufficient_permissions, "insufficient_permissions"},
      {version_mismatch, "version_mismatch"},
      {nvml_unknown_error, "nvml_unknown_error"},
      {unknown, "unknown"},
      {parse_error, "parse_error"},
      {loop_ended, "loop_ended"},
  };
  std::set<std::string_view> names;
  for (const auto& [kind, name] : rows) {
    EXPECT_EQ(name_of(kind), name);
    names.insert(name_of(kind));
  }
  EXPECT_EQ(names.size(), std::size(rows)) << "two kinds share a name";
}

TEST(snapshot, age_is_zero_without_data_and_never_negative) {
  EXPECT_EQ(snapshot{}.age_seconds(t0), 0.0);
  EXPECT_EQ(with_data(1.0, 0).age_seconds(t0 - 5s), 0.0);
  EXPECT_DOUBLE_EQ(with_data(1.0, 0).age_seconds(t0 + 2500ms), 2.5);
}

TEST(snapshot, degraded_table) {
  struct row {
    const char* name;
    snapshot s;
    wall_clock::time_point now;
    bool degraded;
  };
  const row rows[] = {
      {"no data yet", snapshot{}, t0, true},
      {"fresh", with_data(1.0, 0), t0 + 1s, false},
      {"exactly three intervals", with_data(1.0, 0), t0 + 3s, false},
      {"older than three intervals", with_data(1.0, 0), t0 + 3001ms, true},
      {"last attempt failed", with_data(1.0, 1), t0, true},
      {"interval zero never ages", with_data(0.0, 0), t0 + 1h, false},
  };
  for (const auto& r : rows) EXPECT_EQ(r.s.degraded(r.now), r.degraded) << r.name;
}

}  // namespace
}  // namespace smistat::collect

#include "parsers/field_kind.hpp"

#include <gtest/gtest.h>

#include <tuple>

namespace smistat::parsers {
namespace {

TEST(field_kind, names_and_units_decide_the_kind) {
  const std::tuple<std::string_view, std::string_view, value_kind> cases[] = {
      {"memory.used", "MiB", value_kind::number},
      {"fan.speed", "%", value_kind::number},
      {"timestamp", "", value_kind::timestamp},
      {"pstate", "", value_kind::pstate},
      {"clocks_event_reasons.active", "", value_kind::hex},
      {"clocks_throttle_reasons.supported", "", value_kind::hex},
      {"pci.device_id", "", value_kind::hex},
      {"clocks_event_reasons.gpu_idle", "", value_kind::flag},
      {"ecc.mode.current", "", value_kind::flag},
      {"remapped_rows.pending", "", value_kind::flag},
      {"ecc.errors.uncorrected.aggregate.sram.thresholdExceeded", "", value_kind::flag},
      {"index", "", value_kind::integer},
      {"temperature.gpu", "", value_kind::integer},
      {"ecc.errors.corrected.volatile.total", "", value_kind::integer},
      {"pcie.link.gen.max", "", value_kind::integer},
      {"compute_cap", "", value_kind::text},
      {"name", "", value_kind::text},
      {"some.future.field", "", value_kind::text},
  };
  for (const auto& [field, unit, want] : cases) {
    SCOPED_TRACE(field);
    EXPECT_EQ(kind_of_field(field, unit), want);
  }
  EXPECT_EQ(to_string(value_kind::timestamp), "timestamp");
  EXPECT_EQ(to_string(value_kind::hex), "hex");
}

}  // namespace
}  // namespace smistat::parsers

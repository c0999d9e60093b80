#include "parsers/field_catalogue.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "parsers/field_kind.hpp"
#include "parsers/help_query_gpu.hpp"
#include "parsers/query_fields.hpp"
#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

TEST(field_catalogue, every_name_and_alias_is_unique) {
  std::set<std::string_view> names;
  for (const auto& row : field_catalogue()) {
    ASSERT_FALSE(row.name().empty());
    for (const auto name : row.all_names()) EXPECT_TRUE(names.insert(name).second) << name;
  }
  // Two renamed fields so far: the active and the supported clock-event reasons.
  EXPECT_GE(names.size(), field_catalogue().size() + 2);
}

TEST(field_catalogue, a_handle_reads_its_own_row) {
  for (const auto& row : field_catalogue()) {
    EXPECT_EQ(&field_info(row.field), &row) << row.name();
    EXPECT_EQ(field_name(row.field), row.name());
  }
  EXPECT_EQ(field_name(gpu_field::memory_total), "memory.total");
  EXPECT_EQ(field_name(gpu_field::clocks_event_reasons_active), "clocks_event_reasons.active");
}

TEST(field_catalogue, every_alias_resolves_to_its_row) {
  for (const auto& row : field_catalogue())
    for (const auto name : row.all_names()) EXPECT_EQ(find_field(name), &row) << name;
  EXPECT_EQ(find_field("clocks_throttle_reasons.active"),
            &field_info(gpu_field::clocks_event_reasons_active));
  EXPECT_EQ(find_field("some.future.field"), nullptr);
}

TEST(field_catalogue, an_old_driver_is_asked_the_alias_it_knows) {
  const auto catalog = parse_help_query_gpu(test::read_file(
      test::fixtures_dir() / "geforce-rtx-2080-super__465.27" / "help-query-gpu.txt"));
  // R465 knows the reasons only under their older name, which must therefore be the alias.
  ASSERT_EQ(catalog.find("clocks_event_reasons.active"), nullptr);
  ASSERT_NE(catalog.find("clocks_throttle_reasons.active"), nullptr);
  const auto& row = field_info(gpu_field::clocks_event_reasons_active);
  ASSERT_EQ(row.all_names().size(), 2u);
  EXPECT_EQ(row.all_names()[1], "clocks_throttle_reasons.active");
}

TEST(field_catalogue, every_field_has_the_kind_its_unit_and_name_give) {
  for (const auto& row : field_catalogue()) {
    SCOPED_TRACE(row.name());
    // A header unit means nvidia-smi printed a measured number: the number reader fits it.
    if (!row.unit.empty()) {
      EXPECT_EQ(row.kind, value_kind::number);
    }
    for (const auto name : row.all_names()) EXPECT_EQ(kind_of_field(name, row.unit), row.kind);
  }
}

TEST(field_catalogue, every_default_query_field_is_a_row_with_a_kind) {
  const auto fields = default_query_fields();
  ASSERT_FALSE(fields.empty());
  for (const auto& f : fields) {
    const auto* row = find_field(f.key);
    ASSERT_NE(row, nullptr) << f.key;
    EXPECT_NE(row->ask, asked::never) << f.key;
    EXPECT_EQ(f.offered_only, row->ask == asked::when_offered) << f.key;
  }
  std::size_t asked_rows = 0;
  for (const auto& row : field_catalogue()) asked_rows += row.ask == asked::never ? 0 : 1;
  EXPECT_EQ(asked_rows, fields.size());
}

TEST(field_catalogue, every_dcgm_family_has_a_name_a_type_and_help) {
  std::set<std::string_view> names;
  std::size_t position = 0;
  for (const auto& [field, family] : dcgm_metrics()) {
    SCOPED_TRACE(family.name);
    EXPECT_TRUE(family.name.starts_with("DCGM_FI_DEV_"));
    EXPECT_TRUE(names.insert(family.name).second) << "published twice";
    EXPECT_FALSE(family.help.empty());
    // A counter counts: its field is never a measured number, a bitmask or a text.
    if (family.type == family_type::counter) {
      const auto kind = field_info(field).kind;
      EXPECT_TRUE(kind == value_kind::integer || kind == value_kind::flag);
    }
    EXPECT_EQ(family.position, position++) << "the families keep dcgm-exporter's order";
    // A family of a field never asked would be published with no series.
    EXPECT_NE(field_info(field).ask, asked::never);
  }
  ASSERT_FALSE(dcgm_metrics().empty());
  EXPECT_EQ(dcgm_metrics().front().family.name, "DCGM_FI_DEV_SM_CLOCK");
}

TEST(field_catalogue, nvidia_smi_metrics_are_unique_and_of_asked_fields) {
  std::set<std::string_view> names;
  for (const auto& row : field_catalogue()) {
    if (row.nvidia_smi_metric.empty()) continue;
    SCOPED_TRACE(row.name());
    EXPECT_TRUE(row.nvidia_smi_metric.starts_with("nvidia_smi_"));
    EXPECT_TRUE(names.insert(row.nvidia_smi_metric).second);
    EXPECT_NE(row.ask, asked::never);
  }
  EXPECT_TRUE(names.contains("nvidia_smi_memory_total_bytes"));
  EXPECT_TRUE(names.contains("nvidia_smi_ecc_errors_corrected_volatile_dram"));
}

}  // namespace
}  // namespace smistat::parsers

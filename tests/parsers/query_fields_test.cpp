#include "parsers/query_fields.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

query_field_catalog recorded_catalog(const char* machine) {
  return parse_help_query_gpu(
      test::read_file(test::fixtures_dir() / machine / "help-query-gpu.txt"));
}

TEST(query_fields, default_set_has_index_first_and_unique_keys) {
  const auto fields = default_query_fields();
  // At least 52 asked of every driver and 44 only where offered (42 ECC locations, the recovery
  // action and the fabric state); a new field is a catalogue row, so the set only grows.
  ASSERT_GE(fields.size(), 96u);
  EXPECT_GE(
      std::count_if(fields.begin(), fields.end(), [](const auto& f) { return f.offered_only; }),
      44);
  EXPECT_EQ(fields.front().key, "index");
  std::set<std::string_view> keys;
  for (const auto& f : fields) {
    EXPECT_TRUE(keys.insert(f.key).second) << f.key;
    ASSERT_FALSE(f.names.empty());
    EXPECT_EQ(f.names.front(), f.key) << "the key is the newest name";
  }
}

TEST(query_fields, every_default_field_is_known_to_a_current_driver) {
  const auto catalog = recorded_catalog("h100-80gb-hbm3__590.48.01");
  const auto resolved = resolve_query_fields(catalog);
  ASSERT_EQ(resolved.size(), default_query_fields().size());
  for (const auto& r : resolved) EXPECT_EQ(r.key, r.query_name);
}

TEST(query_fields, old_driver_gets_the_older_name_and_drops_unknown_fields) {
  const auto resolved = resolve_query_fields(recorded_catalog("geforce-rtx-2080-super__465.27"));
  std::set<std::string> keys;
  for (const auto& r : resolved) {
    keys.insert(r.key);
    if (r.key == "clocks_event_reasons.active") {
      EXPECT_EQ(r.query_name, "clocks_throttle_reasons.active");
    }
  }
  EXPECT_TRUE(keys.contains("clocks_event_reasons.active"));
  for (const char* missing : {"compute_cap", "memory.reserved", "utilization.encoder",
                              "utilization.decoder", "remapped_rows.correctable"})
    EXPECT_FALSE(keys.contains(missing)) << missing;
  // R465 lacks 8 of the fields every driver is asked for, and 12 of the offered ones (the SRAM
  // breakdown, the recovery action and the fabric state), which are simply not asked.
  EXPECT_FALSE(keys.contains("gpu_recovery_action"));
  EXPECT_FALSE(keys.contains("fabric.state"));
  EXPECT_TRUE(keys.contains("ecc.errors.uncorrected.volatile.device_memory"));
  EXPECT_EQ(resolved.size(), default_query_fields().size() - 8 - 12);
}

TEST(query_fields, alias_known_to_catalog_resolves_to_its_canonical_name) {
  query_field_catalog catalog;
  catalog.fields.push_back({"clocks_event_reasons.active", {"clocks_throttle_reasons.active"}, ""});
  catalog.fields.push_back({"index", {}, ""});
  const auto resolved = resolve_query_fields(catalog);
  ASSERT_EQ(resolved.size(), 2u);
  EXPECT_EQ(resolved[0], (resolved_field{"index", "index"}));
  EXPECT_EQ(resolved[1],
            (resolved_field{"clocks_event_reasons.active", "clocks_event_reasons.active"}));
}

TEST(query_fields, empty_catalog_yields_every_newest_name_but_the_offered_only) {
  // Before discovery the first query must not fail on an older driver for a field it lacks.
  const auto resolved = resolve_query_fields({});
  std::vector<std::string_view> asked;
  for (const auto& f : default_query_fields())
    if (!f.offered_only) asked.push_back(f.names.front());
  ASSERT_EQ(resolved.size(), asked.size());
  ASSERT_EQ(resolved.size(), 52u);
  for (std::size_t i = 0; i < resolved.size(); ++i) EXPECT_EQ(resolved[i].query_name, asked[i]);
}

TEST(query_fields, compute_app_fields_are_in_the_recorded_help) {
  const auto help = test::read_file(test::fixtures_dir() / "h100-80gb-hbm3__590.48.01" /
                                    "help-query-compute-apps.txt");
  for (const auto f : default_compute_app_fields())
    EXPECT_NE(help.find("\"" + std::string(f) + "\""), std::string::npos) << f;
}

}  // namespace
}  // namespace smistat::parsers

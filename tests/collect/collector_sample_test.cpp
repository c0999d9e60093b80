#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "parsers/help_query_gpu.hpp"
#include "parsers/query_fields.hpp"
#include "src/collect/collector.hpp"
#include "tests/collect/collector_harness.hpp"
#include "tests/support/golden.hpp"

namespace smistat::collect {
namespace {

using test::collector_harness;
using test::machine;
using test::smi_emulator;

const char* const h100 = "h100-80gb-hbm3__590.48.01";

std::vector<std::string> keys_for(const std::filesystem::path& dir) {
  const auto catalog = parsers::parse_help_query_gpu(test::read_file(dir / "help-query-gpu.txt"));
  std::vector<std::string> keys;
  for (const auto& f : parsers::resolve_query_fields(catalog)) keys.push_back(f.key);
  return keys;
}

std::string cell(const snapshot& s, std::string_view key) {
  const auto* c = s.gpus.find(0, key);
  return c ? std::string(c->raw) : "<missing " + std::string(key) + ">";
}

TEST(collector_sample, h100_discovers_fields_and_publishes_keyed_rows) {
  collector_harness h;
  smi_emulator emu(machine(h100), "load");
  h.runner.set_fallback(std::cref(emu));
  h.start();
  const auto s = h.fresh();

  EXPECT_TRUE(s->facts.nvidia_smi_available);
  EXPECT_TRUE(s->facts.nvidia_smi_found);
  EXPECT_EQ(s->facts.driver_version, "590.48.01");
  EXPECT_EQ(s->facts.cuda_version, "13.1");
  EXPECT_EQ(s->facts.nvml_version, "590.48");
  ASSERT_EQ(s->facts.listed.size(), 1u);
  EXPECT_EQ(s->facts.listed[0].name, "NVIDIA H100 80GB HBM3");

  EXPECT_EQ(s->gpus.fields(), keys_for(machine(h100)));
  ASSERT_EQ(s->gpus.rows.size(), 1u);
  EXPECT_EQ(cell(*s, "index"), "0");
  EXPECT_EQ(cell(*s, "name"), "NVIDIA H100 80GB HBM3");
  EXPECT_EQ(cell(*s, "memory.total"), emu.value(0, "memory.total"));
  EXPECT_EQ(cell(*s, "memory.total"), "81559");
  EXPECT_EQ(cell(*s, "clocks_event_reasons.active"), emu.value(0, "clocks_event_reasons.active"));

  // Compute apps run beside the query, never ahead of it: the GPU answer does not wait for
  // them, and they arrive in the next generation.
  EXPECT_TRUE(s->apps.empty());
  const auto settled = h.store.current();
  EXPECT_GT(settled->generation, s->generation);
  ASSERT_EQ(settled->apps.size(), 3u);
  EXPECT_EQ(settled->apps[2].pid, 11345);
  EXPECT_EQ(settled->apps[2].process_name, "./gpu_burn");
  EXPECT_EQ(settled->apps[2].used_memory_mib, 15690);
  EXPECT_EQ(settled->health.processes.runs_total, 1u);
  EXPECT_TRUE(settled->health.processes.last_success.has_value());
  EXPECT_EQ(settled->health.details.runs_total, 1u);
  EXPECT_FALSE(settled->details.empty());

  EXPECT_TRUE(s->has_data());
  EXPECT_EQ(s->health.runs_total, 1u);
  EXPECT_EQ(s->health.last_success, s->sampled_at);
  EXPECT_FALSE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.mode, "on-demand");
  EXPECT_EQ(h.runner.count("--query-gpu="), 1u);
  EXPECT_EQ(h.runner.count("--help-query-gpu"), 1u);
  EXPECT_EQ(h.runner.requests().back().program, "/usr/bin/nvidia-smi");
}

TEST(collector_sample, query_uses_the_sample_format) {
  collector_harness h;
  smi_emulator emu(machine(h100));
  h.runner.set_fallback(std::cref(emu));
  h.start();
  h.fresh();
  for (const auto& r : h.runner.requests()) {
    if (r.args.empty() || !r.args[0].starts_with("--query-")) continue;
    ASSERT_EQ(r.args.size(), 2u);
    EXPECT_EQ(r.args[1], "--format=csv,noheader,nounits");
  }
}

TEST(collector_sample, old_driver_falls_back_to_the_banner_and_old_field_names) {
  collector_harness h;
  smi_emulator emu(machine("geforce-rtx-2080-super__465.27"));
  // synthetic: 465.27 has no --version; its banner line has this shape
  emu.banner = "| NVIDIA-SMI 465.27       Driver Version: 465.27       CUDA Version: 11.3     |\n";
  h.runner.set_fallback(std::cref(emu));
  h.start();
  const auto s = h.fresh();

  EXPECT_EQ(h.runner.count(""), 1u) << "the banner is read once";
  EXPECT_TRUE(s->facts.nvidia_smi_available);
  EXPECT_EQ(s->facts.driver_version, "465.27");
  EXPECT_EQ(s->facts.cuda_version, "11.3");
  bool asked_old_name = false;
  for (const auto& r : h.runner.requests())
    if (!r.args.empty() && r.args[0].starts_with("--query-gpu="))
      asked_old_name |= r.args[0].find("clocks_throttle_reasons.active") != std::string::npos;
  EXPECT_TRUE(asked_old_name);
  ASSERT_EQ(s->gpus.rows.size(), 1u);
  EXPECT_EQ(cell(*s, "clocks_event_reasons.active"),
            emu.value(0, "clocks_throttle_reasons.active"));
  EXPECT_EQ(cell(*s, "driver_version"), "465.27");
  EXPECT_TRUE(s->apps.empty());
}

TEST(collector_sample, rejected_field_is_dropped_and_the_query_retried) {
  collector_harness h;
  smi_emulator emu(machine(h100));
  emu.rejected = {"compute_cap"};
  h.runner.set_fallback(std::cref(emu));
  h.start();
  const auto s = h.fresh();
  EXPECT_EQ(h.runner.count("--query-gpu="), 2u);
  EXPECT_FALSE(s->health.last_error.has_value());
  EXPECT_EQ(s->gpus.column("compute_cap"), -1);
  EXPECT_EQ(cell(*s, "memory.total"), "81559");
  // The drop sticks: the next sample asks once.
  h.fresh();
  EXPECT_EQ(h.runner.count("--query-gpu="), 3u);
}

// The driver lists memory.used but refuses it: the field is dropped, and the snapshot still
// carries `used`, worked out from what the driver did give (docs/architecture.md, "Derive before
// defaulting"), so no contract shows the loaded GPU as empty.
TEST(collector_sample, rejected_memory_used_is_derived_from_total_free_and_reserved) {
  collector_harness h;
  smi_emulator emu(machine(h100), "load");
  emu.rejected = {"memory.used"};
  h.runner.set_fallback(std::cref(emu));
  h.start();
  const auto s = h.fresh();
  EXPECT_FALSE(s->health.last_error.has_value());
  const auto number = [&](const char* field) { return std::stoll(emu.value(0, field)); };
  const auto derived = number("memory.total") - number("memory.free") - number("memory.reserved");
  EXPECT_GT(derived, 0);
  EXPECT_EQ(cell(*s, "memory.used"), std::to_string(derived));
  // The recording's own `used` agrees to the MiB (each figure is rounded on its own).
  EXPECT_LE(std::llabs(derived - number("memory.used")), 1);
}

// Both refused: nothing to derive from, so `used` and `free` stay unknown (never 0).
TEST(collector_sample, rejected_used_and_free_stay_unknown) {
  collector_harness h;
  smi_emulator emu(machine(h100), "load");
  emu.rejected = {"memory.used", "memory.free"};
  h.runner.set_fallback(std::cref(emu));
  h.start();
  const auto s = h.fresh();
  ASSERT_EQ(s->gpus.rows.size(), 1u);
  // Dropped from the query and not derivable: no column, so every renderer reads "unknown".
  EXPECT_EQ(s->gpus.column("memory.used"), -1);
  EXPECT_EQ(s->gpus.column("memory.free"), -1);
  EXPECT_EQ(cell(*s, "memory.total"), "81559");
}

// A Windows process path with `, ` in it (nvidia-smi quotes nothing) does not cost the whole
// process list: the surplus cells are the name's.
TEST(collector_sample, windows_process_name_with_a_comma_keeps_the_process_list) {
  collector_harness h;
  smi_emulator emu(machine("geforce-rtx-2080-super-windows__591.86"), "load");
  h.runner.set_fallback(std::cref(emu));
  h.runner.script("--query-compute-apps=",
                  {test::exited(0,
                                "GPU-00000000-0000-0000-0000-000000000000, 20372, C:\\Program "
                                "Files\\Foo, Inc\\app.exe, [N/A]\n"
                                "GPU-00000000-0000-0000-0000-000000000000, 2056, "
                                "C:\\Windows\\System32\\dwm.exe, [N/A]\n")});
  h.start();
  h.fresh();
  const auto s = h.store.current();
  EXPECT_FALSE(s->health.processes.last_error.has_value());
  ASSERT_EQ(s->apps.size(), 2u);
  EXPECT_EQ(s->apps[0].pid, 20372);
  EXPECT_EQ(s->apps[0].process_name, "C:\\Program Files\\Foo, Inc\\app.exe");
  EXPECT_EQ(s->apps[1].process_name, "C:\\Windows\\System32\\dwm.exe");
}

TEST(collector_sample, field_retries_are_bounded) {
  auto options = test::on_demand_options();
  options.max_field_retries = 2;
  collector_harness h(options);
  smi_emulator emu(machine(h100));
  emu.rejected = {"compute_cap", "pstate", "serial"};
  h.runner.set_fallback(std::cref(emu));
  h.start();
  const auto s = h.fresh();
  EXPECT_EQ(h.runner.count("--query-gpu="), 3u);
  ASSERT_TRUE(s->health.last_error.has_value());
  EXPECT_EQ(s->health.last_error->kind, collection_failure::invalid_field);
  EXPECT_EQ(s->health.last_error->exit_code, 2);
  EXPECT_FALSE(s->has_data());
}

TEST(collector_sample, driver_change_reads_static_facts_again) {
  collector_harness h;
  smi_emulator before(machine(h100));
  smi_emulator after(machine("geforce-rtx-2080-super__595.71.05"));
  h.runner.set_fallback(std::cref(before));
  h.start();
  EXPECT_EQ(h.fresh()->facts.driver_version, "590.48.01");

  h.runner.set_fallback(std::cref(after));
  EXPECT_EQ(cell(*h.fresh(), "driver_version"), "595.71.05");
  // The facts are read again beside the sample that showed the new driver, not before it.
  const auto s = h.store.current();
  EXPECT_EQ(s->facts.driver_version, "595.71.05");
  EXPECT_EQ(s->facts.cuda_version, "13.2");
  EXPECT_EQ(h.runner.count("--version"), 2u);
  EXPECT_EQ(h.runner.count("-L"), 2u);
  EXPECT_EQ(h.runner.count("--help-query-gpu"), 2u);

  const auto next = h.fresh();
  EXPECT_EQ(h.runner.count("--version"), 2u) << "no re-read while the driver stays";
  EXPECT_EQ(next->gpus.fields(), keys_for(machine("geforce-rtx-2080-super__595.71.05")));
}

}  // namespace
}  // namespace smistat::collect

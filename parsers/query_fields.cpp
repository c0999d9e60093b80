#include "parsers/query_fields.hpp"

#include <array>

namespace smistat::parsers {
namespace {

// Every field's names, newest first. Only the clock-event reasons were renamed so far
// (R535: clocks_throttle_reasons.* -> clocks_event_reasons.*); a rename adds a second name.
struct field_names {
  std::array<std::string_view, 2> names;
  std::size_t count = 1;
  bool offered_only = false;
};

constexpr field_names one(std::string_view name) { return {{name, {}}, 1}; }
constexpr field_names renamed(std::string_view newest, std::string_view older) {
  return {{newest, older}, 2};
}
// Fields many drivers lack (the ECC locations vary by generation, the recovery action and the
// fabric came with R550): asking for them before the driver's list is known would make the
// first query fail on every older driver, so they wait for discovery.
constexpr field_names if_offered(std::string_view name) { return {{name, {}}, 1, true}; }

constexpr auto wanted_names = std::to_array<field_names>({
    one("index"),
    one("uuid"),
    one("name"),
    one("pci.bus_id"),
    one("serial"),
    one("vbios_version"),
    one("driver_version"),
    one("compute_cap"),
    one("pstate"),
    one("fan.speed"),
    one("memory.total"),
    one("memory.used"),
    one("memory.free"),
    one("memory.reserved"),
    one("utilization.gpu"),
    one("utilization.memory"),
    one("utilization.encoder"),
    one("utilization.decoder"),
    one("temperature.gpu"),
    one("temperature.memory"),
    one("power.draw"),
    one("power.limit"),
    one("enforced.power.limit"),
    one("power.default_limit"),
    one("power.max_limit"),
    one("clocks.current.graphics"),
    one("clocks.current.sm"),
    one("clocks.current.memory"),
    one("clocks.current.video"),
    one("clocks.max.graphics"),
    one("clocks.max.sm"),
    one("clocks.max.memory"),
    one("pcie.link.gen.current"),
    one("pcie.link.gen.max"),
    one("pcie.link.width.current"),
    one("pcie.link.width.max"),
    renamed("clocks_event_reasons.active", "clocks_throttle_reasons.active"),
    one("compute_mode"),
    one("persistence_mode"),
    one("mig.mode.current"),
    one("ecc.mode.current"),
    one("ecc.errors.corrected.volatile.total"),
    one("ecc.errors.uncorrected.volatile.total"),
    one("ecc.errors.corrected.aggregate.total"),
    one("ecc.errors.uncorrected.aggregate.total"),
    one("retired_pages.single_bit_ecc.count"),
    one("retired_pages.double_bit.count"),
    one("retired_pages.pending"),
    one("remapped_rows.correctable"),
    one("remapped_rows.uncorrectable"),
    one("remapped_rows.pending"),
    one("remapped_rows.failure"),
    if_offered("ecc.errors.corrected.volatile.device_memory"),
    if_offered("ecc.errors.corrected.volatile.dram"),
    if_offered("ecc.errors.corrected.volatile.register_file"),
    if_offered("ecc.errors.corrected.volatile.l1_cache"),
    if_offered("ecc.errors.corrected.volatile.l2_cache"),
    if_offered("ecc.errors.corrected.volatile.texture_memory"),
    if_offered("ecc.errors.corrected.volatile.cbu"),
    if_offered("ecc.errors.corrected.volatile.sram"),
    if_offered("ecc.errors.corrected.aggregate.device_memory"),
    if_offered("ecc.errors.corrected.aggregate.dram"),
    if_offered("ecc.errors.corrected.aggregate.register_file"),
    if_offered("ecc.errors.corrected.aggregate.l1_cache"),
    if_offered("ecc.errors.corrected.aggregate.l2_cache"),
    if_offered("ecc.errors.corrected.aggregate.texture_memory"),
    if_offered("ecc.errors.corrected.aggregate.cbu"),
    if_offered("ecc.errors.corrected.aggregate.sram"),
    if_offered("ecc.errors.uncorrected.volatile.device_memory"),
    if_offered("ecc.errors.uncorrected.volatile.dram"),
    if_offered("ecc.errors.uncorrected.volatile.register_file"),
    if_offered("ecc.errors.uncorrected.volatile.l1_cache"),
    if_offered("ecc.errors.uncorrected.volatile.l2_cache"),
    if_offered("ecc.errors.uncorrected.volatile.texture_memory"),
    if_offered("ecc.errors.uncorrected.volatile.cbu"),
    if_offered("ecc.errors.uncorrected.volatile.sram"),
    if_offered("ecc.errors.uncorrected.aggregate.device_memory"),
    if_offered("ecc.errors.uncorrected.aggregate.dram"),
    if_offered("ecc.errors.uncorrected.aggregate.register_file"),
    if_offered("ecc.errors.uncorrected.aggregate.l1_cache"),
    if_offered("ecc.errors.uncorrected.aggregate.l2_cache"),
    if_offered("ecc.errors.uncorrected.aggregate.texture_memory"),
    if_offered("ecc.errors.uncorrected.aggregate.cbu"),
    if_offered("ecc.errors.uncorrected.aggregate.sram"),
    if_offered("ecc.errors.uncorrected.volatile.sram.parity"),
    if_offered("ecc.errors.uncorrected.volatile.sram.secded"),
    if_offered("ecc.errors.uncorrected.aggregate.sram.parity"),
    if_offered("ecc.errors.uncorrected.aggregate.sram.secded"),
    if_offered("ecc.errors.uncorrected.aggregate.sram.thresholdExceeded"),
    if_offered("ecc.errors.uncorrected.aggregate.sram.l2"),
    if_offered("ecc.errors.uncorrected.aggregate.sram.sm"),
    if_offered("ecc.errors.uncorrected.aggregate.sram.mcu"),
    if_offered("ecc.errors.uncorrected.aggregate.sram.pcie"),
    if_offered("ecc.errors.uncorrected.aggregate.sram.other"),
    if_offered("gpu_recovery_action"),
    if_offered("fabric.state"),
});

std::array<wanted_field, wanted_names.size()> make_wanted() {
  std::array<wanted_field, wanted_names.size()> out{};
  for (std::size_t i = 0; i < wanted_names.size(); ++i)
    out[i] = {wanted_names[i].names[0],
              {wanted_names[i].names.data(), wanted_names[i].count},
              wanted_names[i].offered_only};
  return out;
}

// A function-local static: callers in other translation units may run during static init.
const std::array<wanted_field, wanted_names.size()>& wanted() {
  static const auto table = make_wanted();
  return table;
}

// `used_gpu_memory` is the canonical name (`used_memory` is its alias); the header says so.
constexpr std::array<std::string_view, 4> compute_app_fields{"gpu_uuid", "pid", "process_name",
                                                             "used_gpu_memory"};

}  // namespace

std::span<const wanted_field> default_query_fields() noexcept { return wanted(); }

std::vector<resolved_field> resolve_query_fields(const query_field_catalog& catalog) {
  std::vector<resolved_field> out;
  out.reserve(wanted_names.size());
  for (const auto& w : wanted()) {
    if (catalog.fields.empty()) {
      if (w.offered_only) continue;
      out.push_back({std::string(w.key), std::string(w.names.front())});
      continue;
    }
    for (const auto name : w.names) {
      // Ask under the driver's own canonical name so the header echoes what was asked.
      if (const auto* known = catalog.find(name)) {
        out.push_back({std::string(w.key), known->name});
        break;
      }
    }
  }
  return out;
}

std::span<const std::string_view> default_compute_app_fields() noexcept {
  return compute_app_fields;
}

}  // namespace smistat::parsers

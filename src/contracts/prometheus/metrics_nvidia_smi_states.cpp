#include "src/contracts/prometheus/metrics_nvidia_smi_states.hpp"

#include <array>
#include <cctype>
#include <utility>

#include "src/contracts/prometheus/metrics_nvidia_smi.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

// nvml.h's nvmlClocksEventReason* values. DisplayClockSetting (0x100) has no nvidia-smi field,
// so nvidia_gpu_exporter never exports it and neither does this profile.
constexpr std::array reasons{
    clock_event_reason{"gpu_idle", 0x1},
    clock_event_reason{"applications_clocks_setting", 0x2},
    clock_event_reason{"sw_power_cap", 0x4},
    clock_event_reason{"hw_slowdown", 0x8},
    clock_event_reason{"hw_thermal_slowdown", 0x40},
    clock_event_reason{"hw_power_brake_slowdown", 0x80},
    clock_event_reason{"sw_thermal_slowdown", 0x20},
    clock_event_reason{"sync_boost", 0x10},
};

using text_mapping = std::pair<std::string_view, double>;

// nvidia_gpu_exporter's tables, lower-cased text to the NVML enum; it accepts the short and the
// long spelling of each recovery action because no recording of a GPU needing one exists.
constexpr std::array recovery_actions{
    text_mapping{"none", 0},
    text_mapping{"gpu reset", 1},
    text_mapping{"reset", 1},
    text_mapping{"node reboot", 2},
    text_mapping{"reboot", 2},
    text_mapping{"drain p2p", 3},
    text_mapping{"drain and reset", 4},
};
constexpr std::array fabric_states{
    text_mapping{"not supported", 0},
    text_mapping{"not started", 1},
    text_mapping{"in progress", 2},
    text_mapping{"completed", 3},
};

std::string lower_trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  std::string out;
  for (const char ch : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

template <std::size_t N>
std::optional<double> mapped(std::string_view text, const std::array<text_mapping, N>& table) {
  const auto key = lower_trimmed(text);
  for (const auto& [name, value] : table)
    if (name == key) return value;
  return std::nullopt;
}

void add_reason_families(const parsers::query_table& t, std::span<const metric_labels> labels,
                         std::map<std::string, metric_family>& families) {
  for (const auto& reason : reasons) {
    const auto field = "clocks_event_reasons." + std::string(reason.name);
    const auto name = nvidia_smi_metric_name(field, "");
    metric_family family(name, metric_type::gauge, field);
    for (std::size_t r = 0; r < t.rows.size() && r < labels.size(); ++r) {
      const auto* c = t.find(r, gpu_field::clocks_event_reasons_active);
      const auto active = c ? clock_event_reason_active(*c, reason.bit) : std::nullopt;
      if (active) family.add(labels[r], *active ? 1 : 0);
    }
    if (!family.empty()) families.emplace(name, std::move(family));
  }
}

void add_mapped_family(const parsers::query_table& t, std::span<const metric_labels> labels,
                       gpu_field field, std::optional<double> (*number)(std::string_view),
                       std::map<std::string, metric_family>& families) {
  const auto key = parsers::field_name(field);
  auto name = nvidia_smi_metric_name(key, "");
  metric_family family(name, metric_type::gauge, std::string(key));
  for (std::size_t r = 0; r < t.rows.size() && r < labels.size(); ++r) {
    const auto* c = t.find(r, field);
    const auto v = c && c->has_value() ? number(c->raw) : std::nullopt;
    if (v) family.add(labels[r], *v);
  }
  if (!family.empty()) families.emplace(std::move(name), std::move(family));
}

}  // namespace

std::span<const clock_event_reason> clock_event_reasons() noexcept { return reasons; }

std::optional<bool> clock_event_reason_active(const parsers::cell& bitmask,
                                              std::uint64_t bit) noexcept {
  const auto mask = parsers::to_hex(bitmask);
  if (!mask) return std::nullopt;
  return (*mask & bit) != 0;
}

std::optional<double> gpu_recovery_action_number(std::string_view text) {
  return mapped(text, recovery_actions);
}

std::optional<double> fabric_state_number(std::string_view text) {
  return mapped(text, fabric_states);
}

void add_nvidia_smi_state_families(const parsers::query_table& t,
                                   std::span<const metric_labels> row_labels,
                                   std::map<std::string, metric_family>& families) {
  add_reason_families(t, row_labels, families);
  add_mapped_family(t, row_labels, gpu_field::gpu_recovery_action, gpu_recovery_action_number,
                    families);
  add_mapped_family(t, row_labels, gpu_field::fabric_state, fabric_state_number, families);
}

}  // namespace smistat::render

#include "src/system/sensors_reader.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "src/system/proc_text.hpp"

namespace smistat::system {
namespace {

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

std::vector<std::filesystem::path> children(const std::filesystem::path& dir,
                                            std::string_view prefix) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (starts_with(entry.path().filename().string(), prefix)) out.push_back(entry.path());
  }
  return out;
}

void take_max(std::optional<double>& best, const std::filesystem::path& millidegrees) {
  const auto value = to_double(read_line(millidegrees));
  if (value && (!best || *value / 1000.0 > *best)) best = *value / 1000.0;
}

}  // namespace

std::vector<std::filesystem::path> temperature_inputs(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> inputs;
  bool hwmon_has_sensors = false;
  for (const auto& hwmon : children(root / "sys/class/hwmon", "hwmon")) {
    for (const auto& dir : {hwmon, hwmon / "device"}) {
      for (const auto& file : children(dir, "temp")) {
        const std::string name = file.filename().string();
        if (name.find('_') == std::string::npos) continue;
        hwmon_has_sensors = true;  // psutil looks no further once hwmon lists any temp*_*
        if (name.size() > 6 && name.compare(name.size() - 6, 6, "_input") == 0) {
          inputs.push_back(file);
        }
      }
    }
  }
  if (hwmon_has_sensors) return inputs;
  for (const auto& zone : children(root / "sys/class/thermal", "thermal_zone")) {
    inputs.push_back(zone / "temp");
  }
  return inputs;
}

std::optional<double> read_max_temperature(const std::vector<std::filesystem::path>& inputs) {
  std::optional<double> best;
  for (const auto& input : inputs) take_max(best, input);
  return best;
}

std::optional<double> read_max_temperature(const std::filesystem::path& root) {
  return read_max_temperature(temperature_inputs(root));
}

}  // namespace smistat::system

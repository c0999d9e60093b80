#pragma once
// The highest temperature psutil.sensors_temperatures() would report.

#include <filesystem>
#include <optional>

namespace smistat::system {

/** Max of hwmon `temp*_input` (also under `device/`), or, only when hwmon has no temperature
 *  files at all, of `thermal_zone<N>/temp`; in degrees Celsius. nullopt when nothing is readable.
 */
std::optional<double> read_max_temperature(const std::filesystem::path& root);

}  // namespace smistat::system

#pragma once
// The highest temperature psutil.sensors_temperatures() would report.

#include <filesystem>
#include <optional>
#include <vector>

namespace smistat::system {

/** The files read_max_temperature(root) reads: hwmon `temp*_input` (also under `device/`),
 *  or, only when hwmon has no temperature files at all, `thermal_zone<N>/temp`. Listing them
 *  walks folders, so a sampler lists them once in a while and reads them every time. */
std::vector<std::filesystem::path> temperature_inputs(const std::filesystem::path& root);

/** The highest of `inputs` (millidegree files), in degrees Celsius; nullopt when none is
 *  readable. */
std::optional<double> read_max_temperature(const std::vector<std::filesystem::path>& inputs);

/** read_max_temperature(temperature_inputs(root)). */
std::optional<double> read_max_temperature(const std::filesystem::path& root);

}  // namespace smistat::system

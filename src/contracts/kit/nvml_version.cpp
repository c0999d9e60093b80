#include "src/contracts/kit/nvml_version.hpp"

namespace smistat::render {

std::string nvml_version_string(const collect::static_facts& facts) {
  std::string nvml = facts.nvml_version;
  if (nvml.empty()) {
    // NVML carries the driver's major.minor (`535.104` for driver 535.104.05).
    const std::string& driver = facts.driver_version;
    const auto first = driver.find('.');
    const auto second = first == std::string::npos ? first : driver.find('.', first + 1);
    nvml = driver.substr(0, second);
  }
  const std::string cuda_major = facts.cuda_version.substr(0, facts.cuda_version.find('.'));
  if (cuda_major.empty() || nvml.empty()) return nvml;
  return cuda_major + "." + nvml;
}

}  // namespace smistat::render

#include "src/contracts/nvgpu/nvgpu_available.hpp"

#include "src/contracts/nvgpu/cuda_visible_devices.hpp"

namespace smistat::render {
namespace {

std::vector<cuda_gpu> cuda_gpus(std::span<const nvgpu_device> devices,
                                std::span<const parsers::listed_gpu> listed) {
  std::vector<cuda_gpu> gpus;
  for (const auto& d : devices) {
    cuda_gpu g;
    g.index = d.index.value_or(-1);
    g.uuid = d.uuid;
    for (const auto& l : listed) {
      if (l.uuid != d.uuid || d.uuid.empty()) continue;
      for (const auto& mig : l.mig_devices) g.mig_uuids.push_back(mig.uuid);
    }
    gpus.push_back(std::move(g));
  }
  return gpus;
}

}  // namespace

std::vector<std::string> available_devices(std::span<const nvgpu_device> devices,
                                           std::span<const parsers::listed_gpu> listed,
                                           const available_options& options) {
  const auto gpus = cuda_gpus(devices, listed);
  std::vector<std::string> names;
  for (const auto& device : resolve_cuda_visible_devices(options.cuda_visible_devices, gpus)) {
    if (options.limit && names.size() >= options.limit) break;
    const auto used = memory_used_percent(devices[device.gpu]);
    if (!used || *used > options.max_used_percent) continue;
    names.push_back(cuda_device_name(device, gpus));
  }
  return names;
}

std::string render_available(std::span<const std::string> names) {
  std::string line;
  for (std::size_t i = 0; i < names.size(); ++i) line += (i ? "," : "") + names[i];
  return line + "\n";
}

}  // namespace smistat::render

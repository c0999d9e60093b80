#include "src/contracts/prometheus/metrics_mig.hpp"

#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {
namespace {

constexpr double bytes_per_mib = 1024.0 * 1024.0;

/** The `-q` block of MIG device `device` of the GPU `uuid`; null when -q was not read or has
 *  no such device. */
const parsers::mig_device_details* details_of(const collect::snapshot& s, const std::string& uuid,
                                              int device) {
  for (const auto& gpu : s.details) {
    if (gpu.uuid != uuid) continue;
    for (const auto& mig : gpu.mig_devices)
      if (mig.index == device) return &mig;
  }
  return nullptr;
}

}  // namespace

std::string render_mig_metrics(const collect::snapshot& s) {
  metric_family info("smistat_mig_info", metric_type::gauge,
                     "A MIG device as nvidia-smi lists it: its GPU, MIG UUID, device number and "
                     "profile (-L), GPU and compute instance IDs (-q, once read). Always 1.");
  metric_family total("smistat_mig_memory_total_bytes", metric_type::gauge,
                      "Framebuffer memory of the MIG device (nvidia-smi -q).");
  metric_family used("smistat_mig_memory_used_bytes", metric_type::gauge,
                     "Framebuffer memory used on the MIG device (nvidia-smi -q).");
  for (const auto& gpu : s.facts.listed) {
    for (const auto& mig : gpu.mig_devices) {
      const metric_labels device{
          {"gpu", std::to_string(gpu.index)}, {"UUID", gpu.uuid}, {"mig_uuid", mig.uuid}};
      auto labels = device;
      labels.emplace_back("mig_device", std::to_string(mig.device));
      labels.emplace_back("profile", mig.profile);
      const auto* details = details_of(s, gpu.uuid, mig.device);
      if (details && details->gpu_instance)
        labels.emplace_back("gpu_instance", std::to_string(*details->gpu_instance));
      if (details && details->compute_instance)
        labels.emplace_back("compute_instance", std::to_string(*details->compute_instance));
      info.add(labels, 1);
      if (details && details->fb_total_mib)
        total.add(device, *details->fb_total_mib * bytes_per_mib);
      if (details && details->fb_used_mib) used.add(device, *details->fb_used_mib * bytes_per_mib);
    }
  }
  std::string out;
  info.write(out);
  total.write(out);
  used.write(out);
  return out;
}

}  // namespace smistat::render

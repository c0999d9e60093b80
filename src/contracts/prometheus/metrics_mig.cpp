#include "src/contracts/prometheus/metrics_mig.hpp"

#include "src/contracts/prometheus/metrics_text.hpp"

namespace smistat::render {

std::string render_mig_metrics(const collect::snapshot& s) {
  metric_family info("smistat_mig_info", metric_type::gauge,
                     "A MIG device as nvidia-smi -L lists it: its GPU, MIG UUID, device number "
                     "and profile. Always 1.");
  for (const auto& gpu : s.facts.listed) {
    for (const auto& mig : gpu.mig_devices)
      info.add({{"gpu", std::to_string(gpu.index)},
                {"UUID", gpu.uuid},
                {"mig_uuid", mig.uuid},
                {"mig_device", std::to_string(mig.device)},
                {"profile", mig.profile}},
               1);
  }
  std::string out;
  info.write(out);
  return out;
}

}  // namespace smistat::render

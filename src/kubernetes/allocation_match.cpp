#include "src/kubernetes/allocation_match.hpp"

#include <climits>
#include <set>
#include <string_view>
#include <tuple>

#include "src/kubernetes/device_id_form.hpp"

namespace smistat::kubernetes {
namespace {

const parsers::cell* cell_of(const parsers::query_table& t, std::size_t row, std::string_view key) {
  const auto* c = t.find(row, key);
  return c && c->has_value() ? c : nullptr;
}

/** The GPU `id` names, or nullptr. A replica names what its base names. */
const gpu_identity* gpu_named(std::string_view id, const std::vector<gpu_identity>& gpus) {
  id = replica_base(id);
  const auto parent = mig_parent_uuid(id);
  const int minor = device_minor(id);
  for (const auto& g : gpus) {
    if (id == g.uuid || parent == g.uuid || (minor >= 0 && minor == g.minor)) return &g;
    for (const auto& mig : g.mig_uuids)
      if (id == mig) return &g;
  }
  return nullptr;
}

bool earlier(const collect::pod_allocation& a, const collect::pod_allocation& b) {
  return std::tie(a.namespace_name, a.pod, a.container) <
         std::tie(b.namespace_name, b.pod, b.container);
}

void allocate(match_result& r, const gpu_identity& gpu, const container_devices& holder) {
  collect::pod_allocation candidate{holder.namespace_name, holder.pod, holder.container, false};
  const auto [it, inserted] = r.by_gpu_uuid.emplace(gpu.uuid, candidate);
  if (inserted) return;
  auto& held = it->second;
  const bool same_container = held.namespace_name == candidate.namespace_name &&
                              held.pod == candidate.pod && held.container == candidate.container;
  if (same_container) return;
  if (earlier(candidate, held)) held = candidate;
  held.shared = true;
}

}  // namespace

std::vector<gpu_identity> gpu_identities_of(const collect::snapshot& s) {
  std::vector<gpu_identity> out;
  for (std::size_t r = 0; r < s.gpus.rows.size(); ++r) {
    const auto* index = cell_of(s.gpus, r, "index");
    const auto* uuid = cell_of(s.gpus, r, "uuid");
    if (!index || !uuid) continue;
    gpu_identity g{std::string(index->raw), std::string(uuid->raw), -1, {}};
    // A whole number in int's range, or no device node: converting any other is undefined.
    if (const auto n = parsers::to_integer(*index); n && *n >= 0 && *n <= INT_MAX)
      g.minor = static_cast<int>(*n);
    for (const auto& d : s.details)
      if (d.uuid == g.uuid && d.minor_number) g.minor = *d.minor_number;
    for (const auto& listed : s.facts.listed)
      if (listed.uuid == g.uuid)
        for (const auto& mig : listed.mig_devices) g.mig_uuids.push_back(mig.uuid);
    out.push_back(std::move(g));
  }
  return out;
}

match_result match_allocations(const pod_devices& devices, const std::vector<gpu_identity>& gpus) {
  match_result r;
  std::set<std::string> forms;
  for (const auto& holder : devices) {
    if (!holder.resource_name.starts_with("nvidia.com/")) continue;
    ++r.nvidia_resources;
    for (const auto& id : holder.device_ids) {
      ++r.devices_seen;
      forms.insert(device_id_form_name(detect_device_id_form(id)));
      if (const auto* gpu = gpu_named(id, gpus)) {
        ++r.devices_matched;
        allocate(r, *gpu, holder);
      } else if (r.first_unmatched.empty()) {
        r.first_unmatched = id;
      }
    }
  }
  for (const auto& f : forms) r.id_form += (r.id_form.empty() ? "" : ",") + f;
  for (const auto& g : gpus)
    if (!r.by_gpu_uuid.contains(g.uuid)) r.gpus_without_pod.push_back(g.index);
  return r;
}

}  // namespace smistat::kubernetes

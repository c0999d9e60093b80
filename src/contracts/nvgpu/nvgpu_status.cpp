#include "src/contracts/nvgpu/nvgpu_status.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "src/common/text.hpp"
#include "src/contracts/kit/table_cells.hpp"
#include "src/contracts/nvgpu/humanize.hpp"

namespace smistat::render {

using parsers::gpu_field;

namespace {

using std::chrono::system_clock;

constexpr std::int64_t bytes_per_mib = 1024 * 1024;  // MiB => bytes (NVML reports bytes)

/** PCI order: nvidia-smi prints the domain with 8 hex digits in rows and 4 in error lines. */
struct bus_key {
  unsigned long domain = 0;
  std::string rest;
  auto operator<=>(const bus_key&) const = default;
};

std::optional<bus_key> bus_key_of(std::string_view id) {
  const auto colon = id.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  bus_key k;
  const auto digits = id.substr(0, colon);
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), k.domain, 16);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  k.rest = common::ascii_lowercase(id.substr(colon));
  return k;
}

std::optional<nvgpu_memory> memory_of(const parsers::query_table& t, std::size_t row) {
  const auto total = integer_cell(t, row, gpu_field::memory_total);
  const auto used = integer_cell(t, row, gpu_field::memory_used);
  const auto free = integer_cell(t, row, gpu_field::memory_free);
  if (!total || !used || !free) return std::nullopt;
  return nvgpu_memory{*total * bytes_per_mib, *free * bytes_per_mib, *used * bytes_per_mib};
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += ',';
    out += parts[i];
  }
  return out;
}

const system::process_details* details_of(const collect::snapshot& s, std::int64_t pid) {
  for (const auto& p : s.app_processes)
    if (p.pid == pid && !p.username.empty()) return &p;
  return nullptr;
}

bool runs_on(const parsers::compute_app& app, const std::string& uuid) {
  return !uuid.empty() && app.gpu_uuid == uuid;
}

/** pids, users, since and cmd, as nvgpu builds them from NVML's compute processes and psutil. */
void add_processes(const collect::snapshot& s, system_clock::time_point now, nvgpu_device& d) {
  std::vector<std::string> pids, users, jobs, pods;
  std::optional<system_clock::time_point> oldest;
  const auto add_once = [](std::vector<std::string>& to, const std::string& value) {
    if (!value.empty() && std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
  };
  for (const auto& app : s.apps) {
    if (!app.pid || !runs_on(app, d.uuid)) continue;
    pids.push_back(std::to_string(*app.pid));
    const auto* p = details_of(s, *app.pid);
    // psutil.NoSuchProcess (or a /proc entry we may not read) makes the user `?`.
    if (!p) {
      users.emplace_back("?");
      continue;
    }
    users.push_back(p->username);
    add_once(jobs, p->owner.slurm_job);
    add_once(pods, p->owner.pod_uid);
    if (p->start_time && (!oldest || *p->start_time < *oldest)) oldest = p->start_time;
    if (!d.cmd) d.cmd = rough_command(p->cmdline);
  }
  d.is_available = pids.empty();
  d.pids = joined(pids);
  d.users = joined(users);
  d.jobs = joined(jobs);
  d.pods = joined(pods);
  if (oldest) d.running_since = humanize(*oldest, now);
}

nvgpu_device reported_gpu(const collect::snapshot& s, std::size_t row, system_clock::time_point now,
                          bool processes_known) {
  const auto& t = s.gpus;
  nvgpu_device d;
  d.type = text_cell(t, row, gpu_field::name);
  d.index = integer_cell(t, row, gpu_field::index);
  d.uuid = text_cell(t, row, gpu_field::uuid).value_or("");
  d.utilization = integer_cell(t, row, gpu_field::utilization_gpu);
  d.memory = memory_of(t, row);
  d.clock_mhz = integer_cell(t, row, gpu_field::clocks_current_sm);
  d.temperature = integer_cell(t, row, gpu_field::temperature_gpu);
  if (processes_known) {
    add_processes(s, now, d);
  } else {
    // Without the process list nobody can say the GPU is free.
    d.pids = "?";
    d.users = "?";
  }
  return d;
}

nvgpu_device lost_gpu(const collect::snapshot& s, const parsers::lost_gpu& l,
                      std::optional<std::int64_t> index) {
  nvgpu_device d;
  d.lost = l.reason.empty() ? l.line : l.reason;
  d.index = index;
  d.users = "?";
  for (const auto& listed : s.facts.listed) {
    if (index && listed.index == *index) {
      d.type = listed.name;
      d.uuid = listed.uuid;
    }
  }
  return d;
}

/** One GPU in nvidia-smi's order: a row of the table, or a lost GPU's error line. */
struct placed_gpu {
  bus_key key;
  bool has_key = false;
  std::size_t position = 0;  ///< into rows, or into lost
  bool lost = false;
};

placed_gpu place(std::string_view bus_id, std::size_t position, bool lost) {
  placed_gpu p{{}, false, position, lost};
  if (auto key = bus_key_of(bus_id)) {
    p.key = std::move(*key);
    p.has_key = true;
  }
  return p;
}

/** Where each lost GPU goes among the rows: by bus id when every GPU has one, else last. */
std::vector<placed_gpu> gpu_order(const collect::snapshot& s) {
  std::vector<placed_gpu> all;
  for (std::size_t r = 0; r < s.gpus.rows.size(); ++r)
    all.push_back(place(text_cell(s.gpus, r, gpu_field::pci_bus_id).value_or(""), r, false));
  for (std::size_t l = 0; l < s.gpus.lost.size(); ++l)
    all.push_back(place(s.gpus.lost[l].bus_id, l, true));
  if (std::all_of(all.begin(), all.end(), [](const auto& p) { return p.has_key; }))
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.key < b.key; });
  return all;
}

}  // namespace

std::vector<nvgpu_device> nvgpu_devices(const collect::snapshot& s, system_clock::time_point now) {
  const bool processes_known = s.health.processes.last_success.has_value();
  std::vector<nvgpu_device> out;
  for (const auto& p : gpu_order(s)) {
    if (!p.lost) {
      out.push_back(reported_gpu(s, p.position, now, processes_known));
      continue;
    }
    // nvidia-smi numbers GPUs in bus order, so a lost GPU's index is its place in that order.
    out.push_back(lost_gpu(s, s.gpus.lost[p.position], static_cast<std::int64_t>(out.size())));
  }
  return out;
}

std::string rough_command(const std::string& cmdline) {
  if (cmdline.find("python -m ipykernel_launcher") != std::string::npos) return "jupyter";
  std::size_t start = 0;
  while (start < cmdline.size()) {
    auto end = cmdline.find(' ', start);
    if (end == std::string::npos) end = cmdline.size();
    const std::string_view arg(cmdline.data() + start, end - start);
    if (arg.ends_with(".py")) return std::string(arg);
    start = end + 1;
  }
  // Python cuts characters, not bytes: count UTF-8 lead bytes.
  std::size_t characters = 0, cut = 0;
  for (; cut < cmdline.size(); ++cut) {
    const auto byte = static_cast<unsigned char>(cmdline[cut]);
    if ((byte & 0xC0) != 0x80 && characters++ == 25) break;
  }
  return cut < cmdline.size() ? cmdline.substr(0, cut) + "..." : cmdline;
}

std::optional<double> memory_used_percent(const nvgpu_device& d) {
  if (!d.memory || d.memory->total <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(d.memory->used) / static_cast<double>(d.memory->total);
}

}  // namespace smistat::render

#include "src/system/cgroup_owner.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "src/system/proc_text.hpp"

namespace smistat::system {
namespace {

bool is_hex_id(std::string_view s) {
  if (s.size() != 64) return false;
  for (const char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

/** The non-empty pieces of `text` between `separator`s: a path's components, a controller list. */
std::vector<std::string_view> pieces(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const auto at = text.find(separator);
    const auto piece = text.substr(0, at);
    if (!piece.empty()) out.push_back(piece);
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return out;
}

std::string_view without_suffix(std::string_view s, std::string_view suffix) {
  return s.ends_with(suffix) ? s.substr(0, s.size() - suffix.size()) : s;
}

/** The runtime and container ID a path component names, if it names one. */
bool read_container(std::string_view part, cgroup_owner& out) {
  // Systemd driver scopes carry the runtime's prefix; cgroupfs directories are the bare ID.
  struct prefix_form {
    std::string_view prefix;
    std::string_view runtime;
  };
  static constexpr std::array<prefix_form, 5> forms{{{"cri-containerd-", "containerd"},
                                                     {"crio-", "cri-o"},
                                                     {"docker-", "docker"},
                                                     {"libpod-", "podman"},
                                                     {"containerd-", "containerd"}}};
  const auto bare = without_suffix(part, ".scope");
  for (const auto& f : forms) {
    if (bare.starts_with(f.prefix) && is_hex_id(bare.substr(f.prefix.size()))) {
      out.container_id = bare.substr(f.prefix.size());
      out.runtime = f.runtime;
      return true;
    }
  }
  if (is_hex_id(part)) {
    out.container_id = part;
    return true;
  }
  return false;
}

/** `pod<uid>` (cgroupfs) or `kubepods-<qos>-pod<uid_with_underscores>.slice` (systemd). */
bool read_pod(std::string_view part, cgroup_owner& out) {
  const auto bare = without_suffix(part, ".slice");
  const auto at = bare.rfind("pod");
  if (at == std::string_view::npos || (at != 0 && bare[at - 1] != '-')) return false;
  std::string uid(bare.substr(at + 3));
  for (auto& c : uid)
    if (c == '_') c = '-';
  // A UID is 36 characters: 8-4-4-4-12 hex digits and dashes.
  if (uid.size() != 36 || uid[8] != '-' || uid[13] != '-' || uid[18] != '-' || uid[23] != '-')
    return false;
  out.pod_uid = std::move(uid);
  return true;
}

/** The cgroup path a line `<id>:<controllers>:<path>` gives, and its rank (lower is better). */
struct candidate {
  std::string_view path;
  int rank = 99;
};

candidate rank_line(std::string_view line) {
  const auto first = line.find(':');
  if (first == std::string_view::npos) return {};
  const auto second = line.find(':', first + 1);
  if (second == std::string_view::npos) return {};
  const auto id = line.substr(0, first);
  const auto controllers = line.substr(first + 1, second - first - 1);
  const auto path = line.substr(second + 1);
  if (path.empty() || path.front() != '/') return {};
  if (path == "/") return {path, 50};
  if (id == "0" && controllers.empty()) return {path, 0};
  if (controllers == "name=systemd") return {path, 1};
  // Controllers are comma-separated ("cpu,cpuacct"): the ones every runtime places a task in.
  for (const auto one : pieces(controllers, ','))
    if (one == "memory" || one == "cpu" || one == "pids") return {path, 2};
  return {path, 10};
}

}  // namespace

cgroup_owner owner_of_cgroup_path(std::string_view path) {
  cgroup_owner out;
  out.path = path.empty() ? "/" : std::string(path);
  bool under_slurm = false;
  for (const auto part : pieces(path, '/')) {
    // A container's scope and a pod's slice are the runtime's doing, not units anyone started.
    if (read_container(part, out) || read_pod(part, out)) continue;
    if (part.ends_with(".service") || part.ends_with(".scope")) out.systemd_unit = part;
    if (part.find("slurm") != std::string_view::npos) under_slurm = true;
    if (under_slurm && part.starts_with("job_") && all_digits(part.substr(4)))
      out.slurm_job = part.substr(4);
  }
  return out;
}

cgroup_owner parse_cgroup_owner(std::string_view text) {
  std::vector<candidate> found;
  for (const auto line : split_lines(text))
    if (const auto c = rank_line(line); c.rank < 50) found.push_back(c);
  std::stable_sort(found.begin(), found.end(),
                   [](const candidate& a, const candidate& b) { return a.rank < b.rank; });
  if (found.empty()) return owner_of_cgroup_path("/");
  // Hierarchies may disagree on v1: Slurm places a step in the memory controller's job_<N>
  // while systemd's hierarchy still shows slurmd.service. Each field comes from the best-ranked
  // hierarchy that has it.
  cgroup_owner out = owner_of_cgroup_path(found.front().path);
  for (auto c = found.begin() + 1; c != found.end(); ++c) {
    const cgroup_owner other = owner_of_cgroup_path(c->path);
    const auto fill = [](std::string& mine, const std::string& theirs) {
      if (mine.empty()) mine = theirs;
    };
    fill(out.container_id, other.container_id);
    fill(out.runtime, other.runtime);
    fill(out.pod_uid, other.pod_uid);
    fill(out.systemd_unit, other.systemd_unit);
    fill(out.slurm_job, other.slurm_job);
  }
  return out;
}

}  // namespace smistat::system

#pragma once
// Who a process belongs to, read from its /proc/<pid>/cgroup: the container and Kubernetes pod
// it runs in, its systemd unit and its Slurm job. Pure: text in, fields out.

#include <string>
#include <string_view>

namespace smistat::system {

/** What the cgroup path of a process tells about its owner; a field is empty when the path does
 *  not say it (never guessed). */
struct cgroup_owner {
  std::string path;          ///< the cgroup the fields come from ("/" when none is set)
  std::string container_id;  ///< 64 hex digits: containerd, CRI-O, Docker or Podman
  std::string runtime;       ///< "containerd", "cri-o", "docker", "podman", or empty
  std::string pod_uid;       ///< Kubernetes pod UID with dashes (the systemd driver's _ undone)
  std::string systemd_unit;  ///< innermost *.service or *.scope, e.g. "session-3.scope"
  std::string slurm_job;     ///< the job ID of a `job_<N>` directory under Slurm's cgroups

  bool operator==(const cgroup_owner&) const = default;
};

/** Reads the text of /proc/<pid>/cgroup. Each field comes from the first hierarchy that has it,
 *  in this order: the unified one (`0::/path`), systemd's named one, then the memory, cpu and
 *  pids controllers (the ones container runtimes and Slurm always place a task in); `path` is
 *  the first of them that is not the root. Both
 *  cgroupfs-driver paths (`/kubepods/burstable/pod<uid>/<id>`) and systemd-driver paths
 *  (`kubepods-burstable-pod<uid>.slice/cri-containerd-<id>.scope`) are understood. */
cgroup_owner parse_cgroup_owner(std::string_view proc_cgroup_text);

/** The owner fields of one cgroup path (what parse_cgroup_owner does with the chosen line). */
cgroup_owner owner_of_cgroup_path(std::string_view path);

}  // namespace smistat::system

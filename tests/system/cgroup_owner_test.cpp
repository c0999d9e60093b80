// Who owns a GPU process, from the forms /proc/<pid>/cgroup takes under each runtime, cgroup
// version and driver, and under Slurm.
#include "src/system/cgroup_owner.hpp"

#include <gtest/gtest.h>

#include <string>

namespace smistat::system {
namespace {

const std::string id = "4f9b8d6a1c2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e";
const std::string uid = "7a1b2c3d-4e5f-6789-abcd-ef0123456789";
const std::string uid_ = "7a1b2c3d_4e5f_6789_abcd_ef0123456789";

struct owner_case {
  const char* name;
  std::string text;
  cgroup_owner expected;
};

cgroup_owner owner(std::string path, std::string container, std::string runtime, std::string pod,
                   std::string unit, std::string job) {
  return {std::move(path), std::move(container), std::move(runtime),
          std::move(pod),  std::move(unit),      std::move(job)};
}

const std::vector<owner_case>& cases() {
  static const std::vector<owner_case> table{
      {"v2_systemd_driver_containerd",
       "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + uid_ +
           ".slice/cri-containerd-" + id + ".scope\n",
       owner("/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + uid_ +
                 ".slice/cri-containerd-" + id + ".scope",
             id, "containerd", uid, "", "")},
      {"v2_guaranteed_pod_cri_o",
       "0::/kubepods.slice/kubepods-pod" + uid_ + ".slice/crio-" + id + ".scope\n",
       owner("/kubepods.slice/kubepods-pod" + uid_ + ".slice/crio-" + id + ".scope", id, "cri-o",
             uid, "", "")},
      {"v1_cgroupfs_driver",
       "12:pids:/kubepods/besteffort/pod" + uid + "/" + id + "\n" +
           "11:memory:/kubepods/besteffort/pod" + uid + "/" + id + "\n" +
           "4:cpu,cpuacct:/kubepods/besteffort/pod" + uid + "/" + id + "\n" +
           "1:name=systemd:/kubepods/besteffort/pod" + uid + "/" + id + "\n0::/\n",
       owner("/kubepods/besteffort/pod" + uid + "/" + id, id, "", uid, "", "")},
      {"docker_systemd_driver", "0::/system.slice/docker-" + id + ".scope\n",
       owner("/system.slice/docker-" + id + ".scope", id, "docker", "", "", "")},
      {"docker_v1_cgroupfs", "9:memory:/docker/" + id + "\n1:name=systemd:/docker/" + id + "\n",
       owner("/docker/" + id, id, "", "", "", "")},
      {"rootless_podman",
       "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + id + ".scope\n",
       owner("/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + id + ".scope", id,
             "podman", "", "user@1000.service", "")},
      {"slurm_v1_job_only_in_the_memory_controller",
       "10:memory:/slurm/uid_1000/job_12345/step_0/task_0\n"
       "4:cpuset:/slurm/uid_1000/job_12345/step_0\n"
       "1:name=systemd:/system.slice/slurmd.service\n0::/\n",
       owner("/system.slice/slurmd.service", "", "", "", "slurmd.service", "12345")},
      {"slurm_v2", "0::/system.slice/slurmstepd.scope/job_987/step_batch/user/task_0\n",
       owner("/system.slice/slurmstepd.scope/job_987/step_batch/user/task_0", "", "", "",
             "slurmstepd.scope", "987")},
      {"a_job_directory_outside_slurm_is_no_job", "0::/system.slice/job_5.service\n",
       owner("/system.slice/job_5.service", "", "", "", "job_5.service", "")},
      {"login_session", "0::/user.slice/user-1000.slice/session-3.scope\n",
       owner("/user.slice/user-1000.slice/session-3.scope", "", "", "", "session-3.scope", "")},
      {"system_service", "0::/system.slice/ollama.service\n",
       owner("/system.slice/ollama.service", "", "", "", "ollama.service", "")},
      {"root_cgroup_only", "0::/\n", owner("/", "", "", "", "", "")},
      {"empty_file_of_a_vanished_pid", "", owner("/", "", "", "", "", "")},
      {"garbage", "not a cgroup line\n::\n7:memory:relative/path\n",
       owner("/", "", "", "", "", "")},
      {"a_short_id_is_no_container", "0::/docker/4f9b8d6a1c2e\n",
       owner("/docker/4f9b8d6a1c2e", "", "", "", "", "")},
      {"a_pod_word_that_is_no_uid", "0::/kubepods.slice/podman.slice\n",
       owner("/kubepods.slice/podman.slice", "", "", "", "", "")},
  };
  return table;
}

class cgroup_owner_forms : public ::testing::TestWithParam<owner_case> {};

TEST_P(cgroup_owner_forms, reads_the_owner) {
  const auto& c = GetParam();
  const auto got = parse_cgroup_owner(c.text);
  EXPECT_EQ(got.path, c.expected.path);
  EXPECT_EQ(got.container_id, c.expected.container_id);
  EXPECT_EQ(got.runtime, c.expected.runtime);
  EXPECT_EQ(got.pod_uid, c.expected.pod_uid);
  EXPECT_EQ(got.systemd_unit, c.expected.systemd_unit);
  EXPECT_EQ(got.slurm_job, c.expected.slurm_job);
}

INSTANTIATE_TEST_SUITE_P(forms, cgroup_owner_forms, ::testing::ValuesIn(cases()),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace smistat::system

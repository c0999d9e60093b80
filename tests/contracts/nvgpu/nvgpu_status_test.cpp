// The nvgpu device_status model: processes, users, "since", cmd, unknown values, lost GPUs.
#include "src/contracts/nvgpu/nvgpu_status.hpp"

#include <gtest/gtest.h>

#include "tests/contracts/nvgpu/nvgpu_fixture.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

collect::snapshot machine(const char* name) {
  return test::nvgpu_machine(test::fixtures_dir() / name);
}

TEST(nvgpu_status, processes_give_users_pids_since_and_the_first_readable_command) {
  const auto devices = nvgpu_devices(machine("h100-80gb-hbm3__590.48.01"), test::sample_time());
  ASSERT_EQ(devices.size(), 1u);
  const auto& d = devices[0];
  EXPECT_EQ(d.type, "NVIDIA H100 80GB HBM3");
  EXPECT_FALSE(d.is_available);
  EXPECT_EQ(d.pids, "11327,11328,11345");
  EXPECT_EQ(d.users, "alice,bob,?");
  // The oldest readable process: alice's, two days before the sample.
  EXPECT_EQ(d.running_since, "2 days ago");
  EXPECT_EQ(d.cmd, "train.py");
  EXPECT_EQ(d.index, 0);
}

TEST(nvgpu_status, a_lone_unreadable_process_reads_as_an_unknown_user) {
  const auto devices = nvgpu_devices(machine("synthetic-8x-h100__590.48.01"), test::sample_time());
  ASSERT_EQ(devices.size(), 8u);
  EXPECT_EQ(devices[0].users, "alice");
  EXPECT_EQ(devices[1].users, "bob");
  EXPECT_EQ(devices[1].cmd, "jupyter");
  EXPECT_EQ(devices[1].running_since, "50 minutes ago");
  EXPECT_EQ(devices[2].users, "?");
  EXPECT_EQ(devices[2].pids, "11345");
  EXPECT_FALSE(devices[2].running_since.has_value());
  EXPECT_FALSE(devices[2].cmd.has_value());
  EXPECT_TRUE(devices[5].is_available);
  EXPECT_EQ(devices[5].pids, "");
  EXPECT_EQ(devices[5].users, "");
}

TEST(nvgpu_status, owners_are_the_distinct_jobs_and_pods_of_the_processes) {
  auto s = machine("h100-80gb-hbm3__590.48.01");
  // Its three processes, by ascending pid: alice's, bob's, and one that cannot be read.
  ASSERT_EQ(s.app_processes.size(), 3u);
  s.app_processes.edit()[0].owner.slurm_job = "4242";
  s.app_processes.edit()[0].owner.pod_uid = "7a1b2c3d-4e5f-6789-abcd-ef0123456789";
  s.app_processes.edit()[1].owner.slurm_job = "4242";
  s.app_processes.edit()[2].owner.slurm_job = "99";  // unreadable: no user, so no owner either
  const auto devices = nvgpu_devices(s, test::sample_time());
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0].jobs, "4242");
  EXPECT_EQ(devices[0].pods, "7a1b2c3d-4e5f-6789-abcd-ef0123456789");
  // Without owners in the cgroups, nothing is said.
  const auto plain = nvgpu_devices(machine("h100-80gb-hbm3__590.48.01"), test::sample_time());
  EXPECT_EQ(plain[0].jobs, "");
  EXPECT_EQ(plain[0].pods, "");
}

TEST(nvgpu_status, memory_is_in_bytes_and_mig_utilization_is_unknown) {
  const auto devices = nvgpu_devices(machine("h100-80gb-hbm3-mig__590.48.01"), test::sample_time());
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_FALSE(devices[0].utilization.has_value());
  ASSERT_TRUE(devices[0].memory.has_value());
  EXPECT_EQ(devices[0].memory->total % (1024 * 1024), 0);
  EXPECT_EQ(devices[0].memory->total, 81559LL * 1024 * 1024);
}

TEST(nvgpu_status, without_a_process_list_no_gpu_is_called_free) {
  auto s = machine("synthetic-8x-h100__590.48.01");
  s.health.processes.last_success.reset();
  for (const auto& d : nvgpu_devices(s, test::sample_time())) {
    EXPECT_FALSE(d.is_available);
    EXPECT_EQ(d.users, "?");
    EXPECT_EQ(d.pids, "?");
  }
}

TEST(nvgpu_status, a_lost_gpu_keeps_its_place_by_bus_id) {
  auto s = machine("synthetic-8x-h100__590.48.01");
  // GPU 1 (bus 2A) answered with the error line instead of its row.
  s.gpus.rows.erase(s.gpus.rows.begin() + 1);
  s.gpus.lost.push_back({"0000:2A:00.0", "GPU is lost.  Reboot the system to recover this GPU",
                         "Unable to determine the device handle for GPU 0000:2A:00.0: GPU is "
                         "lost.  Reboot the system to recover this GPU"});
  const auto devices = nvgpu_devices(s, test::sample_time());
  ASSERT_EQ(devices.size(), 8u);
  EXPECT_EQ(devices[1].lost, "GPU is lost.  Reboot the system to recover this GPU");
  EXPECT_EQ(devices[1].index, 1);
  EXPECT_EQ(devices[1].type, "NVIDIA H100 80GB HBM3");  // from -L
  EXPECT_FALSE(devices[1].is_available);
  EXPECT_EQ(devices[1].users, "?");
  EXPECT_FALSE(devices[1].memory.has_value());
  EXPECT_FALSE(devices[1].temperature.has_value());
  EXPECT_EQ(devices[2].index, 2);
}

TEST(nvgpu_status, rough_command_follows_nvgpu) {
  EXPECT_EQ(rough_command("/usr/bin/python -m ipykernel_launcher -f k.json"), "jupyter");
  EXPECT_EQ(rough_command("python3 -u tools/train.py --lr 0.1 eval.py"), "tools/train.py");
  EXPECT_EQ(rough_command("./gpu_burn 60"), "./gpu_burn 60");
  EXPECT_EQ(rough_command("/root/tools/memhog --size 80G --hold"), "/root/tools/memhog --size...");
  EXPECT_EQ(rough_command("1234567890123456789012345"), "1234567890123456789012345");
  // Characters, not bytes, as Python slices.
  EXPECT_EQ(rough_command("äääääääääääääääääääääääääää"), "äääääääääääääääääääääääää...");
  EXPECT_EQ(rough_command(""), "");
}

TEST(nvgpu_status, used_percent_needs_known_memory) {
  nvgpu_device d;
  EXPECT_FALSE(memory_used_percent(d).has_value());
  d.memory = nvgpu_memory{0, 0, 0};
  EXPECT_FALSE(memory_used_percent(d).has_value());
  d.memory = nvgpu_memory{10240, 8704, 1536};
  EXPECT_DOUBLE_EQ(*memory_used_percent(d), 15.0);
}

}  // namespace
}  // namespace smistat::render

// The real server replaying the 8-GPU recording under load: the per-process series reach
// /metrics within --metrics.processes.max with the rest counted, --metrics.processes=false
// turns them off, and --hpc-job-mapping-dir labels the mapped GPU's DCGM series.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/contracts/prometheus/live_metrics.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

TEST(MetricsWhoLive, ProcessSeriesAreBoundedAndGpusCarryTheirJob) {
  // The process id keeps two suites run at once (and their clean-ups) apart.
  const auto jobs =
      std::filesystem::temp_directory_path() / ("smistat-jobs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(jobs);
  std::ofstream(jobs / "0") << "4242\n";
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.2",
                          "--metrics.processes.max", "2", "--hpc-job-mapping-dir", jobs.string()});
  ASSERT_NE(server.port(), 0);
  const auto body = metrics_with(server.port(), "smistat_process_series_dropped ");
  std::filesystem::remove_all(jobs);
  const auto memory = lines_starting(body, "smistat_process_gpu_memory_bytes{");
  EXPECT_EQ(memory.size(), 2u) << server.log();
  const auto dropped = lines_starting(body, "smistat_process_series_dropped ");
  ASSERT_EQ(dropped.size(), 1u) << body;
  EXPECT_NE(dropped[0], "smistat_process_series_dropped 0");  // 8 processes, 2 kept
  const auto util = lines_starting(body, "DCGM_FI_DEV_GPU_UTIL{");
  std::size_t with_job = 0;
  for (const auto& l : util) with_job += l.find("hpc_job=\"4242\"") != std::string::npos;
  EXPECT_EQ(with_job, 1u) << body;
}

TEST(MetricsWhoLive, ProcessesOffLeavesThemOut) {
  smistat_process server({"--replay", machine_dir(eight_gpus).string(), "--metrics.profile",
                          "nvidia_smi", "--refresh-interval", "0.2", "--metrics.processes=false"});
  ASSERT_NE(server.port(), 0);
  const auto body = metrics_with(server.port(), "nvidia_smi_gpu_info{");
  ASSERT_NE(body.find("nvidia_smi_gpu_info{"), std::string::npos) << server.log();
  EXPECT_EQ(body.find("nvidia_smi_compute_app"), std::string::npos);
  EXPECT_EQ(body.find("smistat_process_series_dropped"), std::string::npos);
}

}  // namespace
}  // namespace smistat::test

// The series bound end to end: the replayer serves the 8-GPU machine with 10,000 compute
// processes, and the real server's /metrics holds at most --metrics.processes.max (default 256)
// per-process series, the biggest memory users, with the rest counted in
// smistat_process_series_dropped, while the per-GPU process count still counts them all.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/config/temp_dir.hpp"
#include "tests/contracts/prometheus/live_metrics.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

constexpr int process_count = 10000;
constexpr int gpu_count = 8;

/** The 8-GPU machine with its compute-apps list replaced by `process_count` processes, spread
 *  round-robin over the GPUs, using 1 to 500 MiB each (each size by 20 processes). */
std::filesystem::path machine_with_many_processes(const temp_dir& scratch) {
  const auto dir = scratch.path() / "many-processes-8x-h100__590.48.01";
  std::filesystem::create_directories(dir);
  for (const auto& entry : std::filesystem::directory_iterator(machine_dir(eight_gpus)))
    if (entry.path().filename() != "compute-apps.load.csv")
      std::filesystem::create_symlink(entry.path(), dir / entry.path().filename());
  std::string csv =
      "timestamp, gpu_name, gpu_bus_id, gpu_serial, gpu_uuid, pid, process_name, "
      "used_gpu_memory [MiB]\n";
  static constexpr const char* bus[gpu_count] = {"18", "2A", "3A", "5D", "9A", "AB", "BA", "DB"};
  for (int i = 0; i < process_count; ++i) {
    const int gpu = i % gpu_count;
    csv += "2026/07/14 08:12:53.500, NVIDIA H100 80GB HBM3, 00000000:" + std::string(bus[gpu]) +
           ":00.0, 000000000000" + std::to_string(gpu) +
           ", GPU-00000000-0000-0000-0000-00000000000" + std::to_string(gpu) + ", " +
           std::to_string(100000 + i) + ", /usr/bin/python3, " + std::to_string(1 + i % 500) +
           " MiB\n";
  }
  scratch.write("many-processes-8x-h100__590.48.01/compute-apps.load.csv", csv);
  return dir;
}

double value_of(const std::string& line) { return std::stod(line.substr(line.rfind(' ') + 1)); }

TEST(MetricsProcessBoundLive, TenThousandProcessesGiveTheBoundAndTheRestCounted) {
  const temp_dir scratch;
  const auto machine = machine_with_many_processes(scratch);
  // An empty /proc: none of the pids resolves, so the bound is all that is tested here.
  std::filesystem::create_directories(scratch.path() / "proc");
  for (const std::string profile : {"dcgm", "nvidia_smi"}) {
    smistat_process server({"--replay", machine.string(), "--metrics.profile", profile,
                            "--path.procfs", (scratch.path() / "proc").string(),
                            "--refresh-interval", "0.5"});
    ASSERT_NE(server.port(), 0) << server.log();
    const auto body = metrics_with(server.port(), "smistat_process_series_dropped ");
    const auto dropped = lines_starting(body, "smistat_process_series_dropped ");
    ASSERT_EQ(dropped.size(), 1u) << server.log();
    EXPECT_EQ(dropped[0], "smistat_process_series_dropped 9744") << profile;
    const auto series =
        lines_starting(body, profile == "dcgm" ? "smistat_process_gpu_memory_bytes{"
                                               : "nvidia_smi_compute_app_used_memory_bytes{");
    EXPECT_EQ(series.size(), 256u) << profile;
    // The 256 biggest of 20 processes per size from 1 to 500 MiB use at least 488 MiB each.
    for (const auto& l : series) EXPECT_GE(value_of(l), 488.0 * 1024 * 1024) << l;
    if (profile == "nvidia_smi") {
      EXPECT_EQ(lines_starting(body, "nvidia_smi_compute_app_info{").size(), 256u);
      const auto per_gpu = lines_starting(body, "nvidia_smi_compute_apps{");
      ASSERT_EQ(per_gpu.size(), 8u) << body;
      for (const auto& l : per_gpu) EXPECT_EQ(value_of(l), process_count / gpu_count) << l;
    }
  }
}

}  // namespace
}  // namespace smistat::test

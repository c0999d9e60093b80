// The per-process series: goldens for every recorded machine under both profiles, the owner
// labels, a memory the driver cannot report, the series bound with 10,000 processes, and
// promtool's linter over the new families.
#include "src/contracts/prometheus/metrics_compute_apps.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "parsers/compute_apps.hpp"
#include "tests/contracts/machine_fixture.hpp"
#include "tests/contracts/prometheus/command_output.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

/** A machine with its recorded process list read and all but its last pid resolved in /proc. */
collect::snapshot machine_with_processes(const std::filesystem::path& dir) {
  auto s = test::machine_snapshot_001(dir);
  s.health.processes.last_attempt = test::sample_time();
  s.health.processes.last_success = test::sample_time();
  return s;
}

std::string profile_name(metrics_profile p) {
  return p == metrics_profile::dcgm ? "dcgm" : "nvidia_smi";
}

std::string machine_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  std::string name = info.param.filename().string();
  for (auto& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

class ComputeAppsGolden : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(ComputeAppsGolden, MatchesBothProfiles) {
  const auto s = machine_with_processes(GetParam());
  for (const auto profile : {metrics_profile::dcgm, metrics_profile::nvidia_smi}) {
    const auto out = render_compute_app_metrics(s, test::fixed_settings(profile));
    const auto golden =
        std::filesystem::path(SMISTAT_GOLDEN_DIR) /
        (GetParam().filename().string() + "." + profile_name(profile) + ".processes.prom");
    EXPECT_TRUE(test::matches_golden(golden, out));
    EXPECT_NE(out.find("smistat_process_series_dropped 0\n"), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Machines, ComputeAppsGolden, ::testing::ValuesIn(test::machine_dirs()),
                         machine_name);

const std::filesystem::path windows =
    test::fixtures_dir() / "geforce-rtx-2080-super-windows__591.86";
const std::filesystem::path h100 = test::fixtures_dir() / "h100-80gb-hbm3__590.48.01";

TEST(ComputeApps, UnknownMemoryGivesNoMemorySampleNeverZero) {
  const auto s = machine_with_processes(windows);
  ASSERT_FALSE(s.apps.empty());
  const auto smi = render_compute_app_metrics(s, test::fixed_settings(metrics_profile::nvidia_smi));
  EXPECT_EQ(test::lines_starting(smi, "nvidia_smi_compute_app_info{").size(), s.apps.size());
  EXPECT_TRUE(test::lines_starting(smi, "nvidia_smi_compute_app_used_memory_bytes{").empty());
  const auto dcgm = render_compute_app_metrics(s, test::fixed_settings(metrics_profile::dcgm));
  EXPECT_TRUE(test::lines_starting(dcgm, "smistat_process_gpu_memory_bytes{").empty());
}

TEST(ComputeApps, OwnerLabelsComeFromTheProcessDetails) {
  auto s = machine_with_processes(h100);
  ASSERT_FALSE(s.app_processes.empty());
  auto& d = s.app_processes.edit().front();
  d.owner.container_id = std::string(64, 'a');
  d.owner.pod_uid = "0b5f5a8e-1c1a-4c4e-9d3e-2f7c3b1a9e11";
  d.owner.systemd_unit = "cri-containerd-aaaa.scope";
  d.owner.slurm_job = "4711";
  const auto pid = std::to_string(d.pid);
  const auto dcgm = render_compute_app_metrics(s, test::fixed_settings(metrics_profile::dcgm));
  const auto lines = test::lines_starting(dcgm, "smistat_process_gpu_memory_bytes{");
  const auto owned = std::ranges::count_if(lines, [&](const std::string& l) {
    return l.find("pid=\"" + pid + "\"") != std::string::npos &&
           l.find("user=\"alice\",container_id=\"" + std::string(64, 'a') +
                  "\",pod_uid=\"0b5f5a8e-1c1a-4c4e-9d3e-2f7c3b1a9e11\",systemd_unit=\"cri-"
                  "containerd-aaaa.scope\",slurm_job=\"4711\"") != std::string::npos;
  });
  EXPECT_GE(owned, 1) << dcgm;
  // The last pid of the recording is left unresolved: it vanished before /proc was read.
  const auto last = std::to_string(*s.apps.back().pid);
  for (const auto& l : test::lines_starting(dcgm, "smistat_process_gpu_memory_bytes{"))
    if (l.find("pid=\"" + last + "\"") != std::string::npos) {
      EXPECT_NE(l.find("user=\"\",container_id=\"\""), std::string::npos) << l;
    }
}

TEST(ComputeApps, OffOrUnreadListGivesNothing) {
  auto s = machine_with_processes(h100);
  auto settings = test::fixed_settings(metrics_profile::dcgm);
  settings.processes = false;
  EXPECT_EQ(render_compute_app_metrics(s, settings), "");
  settings.processes = true;
  s.health.processes.last_attempt.reset();
  s.health.processes.last_success.reset();
  EXPECT_EQ(render_compute_app_metrics(s, settings), "");
}

TEST(ComputeApps, AFailedListDropsTheSeriesAndSaysSo) {
  auto s = machine_with_processes(h100);
  s.health.processes.last_error =
      collect::collection_error{collect::collection_failure::timed_out, 0, "timed out"};
  EXPECT_EQ(render_compute_app_metrics(s, test::fixed_settings(metrics_profile::dcgm)), "");
  const auto smi = render_compute_app_metrics(s, test::fixed_settings(metrics_profile::nvidia_smi));
  EXPECT_EQ(smi,
            "# HELP nvidia_smi_compute_apps_last_collect_success Whether the most recent "
            "per-process collection succeeded (1) or not (0)\n"
            "# TYPE nvidia_smi_compute_apps_last_collect_success gauge\n"
            "nvidia_smi_compute_apps_last_collect_success 0\n");
}

/** A compute-apps recording of `n` processes spread over the snapshot's GPUs. */
std::string synthetic_compute_apps(const collect::snapshot& s, int n) {
  std::string text = "gpu_uuid, pid, process_name, used_gpu_memory [MiB]\n";
  const auto gpus = s.gpus.rows.size();
  for (int i = 0; i < n; ++i) {
    const auto uuid =
        cell_text(s.gpus, static_cast<std::size_t>(i) % gpus, parsers::gpu_field::uuid);
    text += uuid + ", " + std::to_string(100000 + i) + ", /usr/bin/python3, " +
            std::to_string(1 + i % 500) + " MiB\n";
  }
  return text;
}

TEST(ComputeApps, TenThousandProcessesAreBoundedAndTheRestCounted) {
  auto s = machine_with_processes(test::fixtures_dir() / "synthetic-8x-h100__590.48.01");
  const auto text = synthetic_compute_apps(s, 10000);
  const std::vector<std::string> fields{"gpu_uuid", "pid", "process_name", "used_gpu_memory"};
  auto apps = parsers::parse_compute_apps(text, fields, {true, false});
  ASSERT_TRUE(apps.has_value());
  ASSERT_EQ(apps->size(), 10000u);
  s.apps = std::move(*apps);
  s.app_processes.clear();
  for (const auto profile : {metrics_profile::dcgm, metrics_profile::nvidia_smi}) {
    const auto out = render_compute_app_metrics(s, test::fixed_settings(profile));
    const auto series = test::lines_starting(out, profile == metrics_profile::dcgm
                                                      ? "smistat_process_gpu_memory_bytes{"
                                                      : "nvidia_smi_compute_app_info{");
    EXPECT_EQ(series.size(), 256u);
    EXPECT_NE(out.find("smistat_process_series_dropped 9744\n"), std::string::npos);
    // The biggest users are kept: each size from 1 to 500 MiB is used by 20 processes, so the
    // 256 biggest use at least 488 MiB.
    for (const auto& l : test::lines_starting(out, "smistat_process_gpu_memory_bytes{"))
      EXPECT_GE(std::stod(l.substr(l.rfind(' ') + 1)), 488.0 * 1024 * 1024) << l;
  }
  // The per-GPU count is of every process, kept or not.
  const auto smi = render_compute_app_metrics(s, test::fixed_settings(metrics_profile::nvidia_smi));
  for (const auto& l : test::lines_starting(smi, "nvidia_smi_compute_apps{"))
    EXPECT_TRUE(l.ends_with(" 1250")) << l;
}

TEST(ComputeApps, PromtoolAcceptsTheNewFamilies) {
  if (!test::on_path("promtool")) GTEST_SKIP() << "promtool not found";
  for (const auto profile : {metrics_profile::dcgm, metrics_profile::nvidia_smi}) {
    const auto text =
        render_compute_app_metrics(machine_with_processes(h100), test::fixed_settings(profile));
    ASSERT_FALSE(text.empty());
    const auto file = test::write_temp_file("smistat-promtool", text);
    const auto r = test::run_command("promtool check metrics < '" + file.string() + "'");
    std::filesystem::remove(file);
    EXPECT_EQ(r.exit_code, 0) << profile_name(profile) << "\n" << r.output;
    EXPECT_EQ(r.output, "") << profile_name(profile);
  }
}

}  // namespace
}  // namespace smistat::render

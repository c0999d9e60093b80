// --hpc-job-mapping-dir under the dcgm profile: one series per job on a mapped GPU, each with
// hpc_job; unmapped GPUs keep dcgm-exporter's label set without it.
#include <gtest/gtest.h>

#include <algorithm>

#include "src/contracts/prometheus/metrics_gpu.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

const auto eight_gpus = test::fixtures_dir() / "synthetic-8x-h100__590.48.01";

std::size_t count_with(const std::vector<std::string>& lines, std::string_view part) {
  return static_cast<std::size_t>(std::ranges::count_if(
      lines, [&](const std::string& l) { return l.find(part) != std::string::npos; }));
}

TEST(HpcJobLabel, OneSeriesPerJobOnMappedGpusOnly) {
  auto s = test::snapshot_from_machine(eight_gpus);
  s.hpc_jobs = {{"0", {"4242", "4243"}}, {"3", {"777"}}};
  const auto out = render_gpu_metrics(s, test::fixed_settings(metrics_profile::dcgm));
  const auto util = test::lines_starting(out, "DCGM_FI_DEV_GPU_UTIL{");
  ASSERT_EQ(util.size(), 9u);  // 8 GPUs, GPU 0 twice
  EXPECT_EQ(count_with(util, ",hpc_job=\"4242\"}"), 1u);
  EXPECT_EQ(count_with(util, ",hpc_job=\"4243\"}"), 1u);
  EXPECT_EQ(count_with(util, "gpu=\"3\"") - count_with(util, "hpc_job=\"777\""), 0u);
  EXPECT_EQ(count_with(util, "hpc_job="), 3u);
}

TEST(HpcJobLabel, WithoutMappingTheOutputIsUnchanged) {
  const auto s = test::snapshot_from_machine(eight_gpus);
  const auto out = render_gpu_metrics(s, test::fixed_settings(metrics_profile::dcgm));
  EXPECT_EQ(out.find("hpc_job"), std::string::npos);
}

}  // namespace
}  // namespace smistat::render

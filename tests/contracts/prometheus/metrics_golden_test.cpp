// Golden GPU exposition for every recorded machine under both profiles, built from the
// machine's query-gpu.load.csv (or idle) the way the render tests build their snapshots.
#include <gtest/gtest.h>

#include "src/contracts/prometheus/metrics_gpu.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

std::string profile_name(metrics_profile p) {
  return p == metrics_profile::dcgm ? "dcgm" : "nvidia_smi";
}

class MetricsGolden : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(MetricsGolden, MatchesBothProfiles) {
  const auto s = test::snapshot_from_machine(GetParam());
  ASSERT_FALSE(s.gpus.rows.empty());
  for (const auto profile : {metrics_profile::dcgm, metrics_profile::nvidia_smi}) {
    const auto out = render_gpu_metrics(s, test::fixed_settings(profile));
    const auto golden = std::filesystem::path(SMISTAT_GOLDEN_DIR) /
                        (GetParam().filename().string() + "." + profile_name(profile) + ".prom");
    EXPECT_TRUE(test::matches_golden(golden, out));
    EXPECT_EQ(out.find("NaN"), std::string::npos);
  }
}

TEST_P(MetricsGolden, EveryGpuHasItsInfoSeries) {
  const auto s = test::snapshot_from_machine(GetParam());
  const auto dcgm = render_gpu_metrics(s, test::fixed_settings(metrics_profile::dcgm));
  EXPECT_EQ(test::lines_starting(dcgm, "smistat_gpu_info{").size(), s.gpus.rows.size());
  const auto smi = render_gpu_metrics(s, test::fixed_settings(metrics_profile::nvidia_smi));
  EXPECT_EQ(test::lines_starting(smi, "nvidia_smi_gpu_info{").size(), s.gpus.rows.size());
}

std::string machine_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  std::string name = info.param.filename().string();
  for (auto& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Machines, MetricsGolden, ::testing::ValuesIn(test::machine_dirs()),
                         machine_name);

}  // namespace
}  // namespace smistat::render

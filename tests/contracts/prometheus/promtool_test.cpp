// `promtool check metrics` over the exposition: smistat's own families, the XID families and the
// nvidia_smi profile must lint cleanly; the DCGM profile must parse and show only the findings that
// dcgm-exporter's own names cause.
#include <gtest/gtest.h>

#include <regex>

#include "parsers/query_details.hpp"
#include "src/collect/xid_log.hpp"
#include "src/contracts/prometheus/metrics_gpu.hpp"
#include "src/contracts/prometheus/metrics_process.hpp"
#include "src/contracts/prometheus/metrics_self.hpp"
#include "src/contracts/prometheus/metrics_xid.hpp"
#include "src/system/self_process.hpp"
#include "tests/contracts/prometheus/command_output.hpp"
#include "tests/contracts/prometheus/metrics_snapshots.hpp"
#include "tests/contracts/render_fixture.hpp"
#include "tests/support/golden.hpp"

namespace smistat::render {
namespace {

/** A recorded machine as the collector publishes it, with its `-q` output when it has one (the
 *  PCIe throughput families come from there). */
collect::snapshot machine_snapshot(const std::filesystem::path& dir) {
  auto s = test::snapshot_from_machine(dir);
  if (std::filesystem::exists(dir / "q.load.txt"))
    s.details = parsers::parse_query_details(test::read_file(dir / "q.load.txt"));
  return s;
}

test::command_result promtool_check(const std::string& exposition) {
  const auto file = test::write_temp_file("smistat-promtool", exposition);
  auto r = test::run_command("promtool check metrics < '" + file.string() + "'");
  std::filesystem::remove(file);
  return r;
}

class Promtool : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::on_path("promtool"))
      GTEST_SKIP() << "promtool not found: install the Debian package `prometheus` "
                      "(.ci/install-deps does) to run the exposition linter";
  }
};

TEST_F(Promtool, SelfAndProcessMetricsAreClean) {
  auto s = test::snapshot_from_machine(test::fixtures_dir() / "h100-80gb-hbm3__590.48.01");
  s.health.errors_by_kind = {{"timed_out", 2}};
  http_counters server;
  server.requests = 3;
  const auto text = render_self_metrics(s, server, {"0.1.0", "abcdef012345"}) +
                    render_process_metrics(system::read_self_process_stats());
  const auto r = promtool_check(text);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "");
}

TEST_F(Promtool, NvidiaSmiProfileIsClean) {
  for (const auto& dir : test::machine_dirs()) {
    const auto s = machine_snapshot(dir);
    const auto r =
        promtool_check(render_gpu_metrics(s, test::fixed_settings(metrics_profile::nvidia_smi)) +
                       render_self_metrics(s, {}, {}));
    EXPECT_EQ(r.exit_code, 0) << dir.filename() << "\n" << r.output;
    EXPECT_EQ(r.output, "") << dir.filename();
  }
}

TEST_F(Promtool, DcgmProfileShowsOnlyFindingsOfDcgmNames) {
  // The findings dcgm-exporter's names cause: the camelCase `modelName` label and counters
  // named without a lower-case `_total` suffix.
  const std::regex allowed(
      R"((DCGM_FI_(DEV|PROF)_[A-Z_]+|smistat_gpu_info) (label names should be written in 'snake_case' not 'camelCase'|counter metrics should have "_total" suffix))");
  for (const auto& dir : test::machine_dirs()) {
    const auto s = machine_snapshot(dir);
    const auto r =
        promtool_check(render_gpu_metrics(s, test::fixed_settings(metrics_profile::dcgm)));
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << dir.filename() << "\n" << r.output;
    std::size_t pos = 0;
    while (pos < r.output.size()) {
      auto end = r.output.find('\n', pos);
      if (end == std::string::npos) end = r.output.size();
      const auto line = r.output.substr(pos, end - pos);
      if (!line.empty()) {
        EXPECT_TRUE(std::regex_match(line, allowed)) << dir.filename() << ": " << line;
      }
      pos = end + 1;
    }
  }
}

TEST_F(Promtool, XidFamiliesAreClean) {
  const auto s = test::small_snapshot(
      "0, GPU-aaaa, NVIDIA H100, 00000000:3B:00.0, 590.48.01, 45, 120.5, 1000, 35\n");
  collect::xid_log log("/dev/kmsg");
  log.set_state(collect::xid_source_state::reading);
  log.add_lines(
      std::vector<std::string>{
          "NVRM: Xid (PCI:0000:3b:00): 79, pid=1, name=python3, GPU has fallen off the bus.",
          "NVRM: Xid (PCI:0000:ff:00): 48, An uncorrectable double bit error"},
      test::sample_time());
  const auto r = promtool_check(
      render_xid_metrics(s, *log.current(), test::fixed_settings(metrics_profile::nvidia_smi)));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "");
}

TEST_F(Promtool, CatchesABrokenExposition) {
  // Guards the tests above: the linter must actually be reading what it is given.
  const auto r = promtool_check("# TYPE x gauge\nx{a=\"unterminated} 1\n");
  EXPECT_NE(r.exit_code, 0) << r.output;
}

}  // namespace
}  // namespace smistat::render

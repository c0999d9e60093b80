// Who uses each GPU, end to end: the real server replays a machine whose compute-apps list names
// the pids of the recorded /proc trees in fixtures/host/proc-trees (containerd, CRI-O and
// Docker under cgroup v1 and v2 with both drivers, Slurm, plain systemd units, a pid that
// vanished, pids that cannot be read), reads each tree through --path.procfs, and its /metrics
// per-process families must match a golden per tree and profile. Only those families are kept,
// so changes elsewhere in /metrics leave these goldens alone.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/config/temp_dir.hpp"
#include "tests/contracts/prometheus/live_metrics.hpp"
#include "tests/integration/smistat_process.hpp"
#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

const std::filesystem::path trees_dir = fixtures_dir() / "host" / "proc-trees";

/** The machine whose compute-apps list names the trees' pids. */
std::filesystem::path who_machine() {
  return machine_dir("synthetic") / "who-uses-each-gpu-8x-h100__590.48.01";
}

std::vector<std::string> tree_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(trees_dir))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::ranges::sort(names);
  return names;
}

/** The metric a line of the text format is about: a sample's name or a HELP/TYPE line's. */
std::string metric_of(const std::string& line) {
  std::string rest = line;
  if (rest.starts_with("# HELP ") || rest.starts_with("# TYPE ")) rest = rest.substr(7);
  return rest.substr(0, rest.find_first_of("{ "));
}

/** The per-process families of a /metrics body, with the host label's value masked. */
std::string per_process_families(const std::string& body) {
  static const std::set<std::string> families{
      "smistat_process_gpu_memory_bytes", "smistat_process_series_dropped",
      "nvidia_smi_compute_app_info",      "nvidia_smi_compute_app_used_memory_bytes",
      "nvidia_smi_compute_apps",          "nvidia_smi_compute_apps_last_collect_success"};
  static const std::regex host_label(R"(Hostname="[^"]*")");
  std::string out;
  std::size_t start = 0;
  while (start < body.size()) {
    const auto end = body.find('\n', start);
    const auto line = body.substr(start, end == std::string::npos ? end : end - start);
    if (families.contains(metric_of(line)))
      out += std::regex_replace(line, host_label, "Hostname=\"HOST\"") + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

/** The per-process families the real server publishes for `procfs` under `profile`. */
std::string scrape_tree(const std::filesystem::path& procfs, const std::string& profile) {
  smistat_process server({"--replay", who_machine().string(), "--path.procfs", procfs.string(),
                          "--metrics.profile", profile, "--refresh-interval", "0.2"});
  EXPECT_NE(server.port(), 0) << server.log();
  // The dropped gauge comes with the first process list, after its pids were read.
  const auto body = metrics_with(server.port(), "smistat_process_series_dropped ");
  EXPECT_NE(body.find("smistat_process_series_dropped "), std::string::npos) << server.log();
  return per_process_families(body);
}

std::filesystem::path golden_of(const std::string& tree, const std::string& profile) {
  return std::filesystem::path(SMISTAT_GOLDEN_DIR) / "proc-trees" /
         (tree + "." + profile + ".prom");
}

class ProcTreeMetrics : public ::testing::TestWithParam<std::string> {};

TEST_P(ProcTreeMetrics, MatchBothProfilesGoldens) {
  for (const std::string profile : {"dcgm", "nvidia_smi"}) {
    const auto text = scrape_tree(trees_dir / GetParam(), profile);
    EXPECT_TRUE(matches_golden(golden_of(GetParam(), profile), text)) << profile;
  }
}

INSTANTIATE_TEST_SUITE_P(Trees, ProcTreeMetrics, ::testing::ValuesIn(tree_names()),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           std::ranges::replace(name, '-', '_');
                           return name;
                         });

TEST(ProcTreeMetrics, EveryTreeHasItsPidsOrSaysWhyNot) {
  // The golden of a tree with a pid missing by mistake would pass for the vanished case.
  const std::set<std::string> listed{"48213", "48214", "51002", "51940", "60417"};
  for (const auto& tree : tree_names()) {
    std::set<std::string> pids;
    for (const auto& entry : std::filesystem::directory_iterator(trees_dir / tree))
      pids.insert(entry.path().filename().string());
    if (tree == "vanished-pid") {
      EXPECT_EQ(pids, (std::set<std::string>{"48213", "48214", "51940", "60417"}));
    } else {
      EXPECT_EQ(pids, listed) << tree;
    }
  }
}

TEST(ProcTreeMetrics, FilesWithoutReadPermissionReadAsTheUnreadableTree) {
  // The unreadable-pid tree provokes its read errors with directories; files whose mode forbids
  // reading must give the same series. Root reads them regardless, so there is nothing to see.
  if (::geteuid() == 0)
    GTEST_SKIP() << "running as root, which chmod 000 does not stop from reading; the "
                    "unreadable-pid tree's directories cover the read errors";
  const temp_dir scratch;
  const auto procfs = scratch.path() / "proc";
  std::filesystem::copy(trees_dir / "containerd-cgroup2-systemd", procfs,
                        std::filesystem::copy_options::recursive);
  const std::vector<std::filesystem::path> locked{
      procfs / "51940" / "stat", procfs / "51940" / "status", procfs / "51940" / "cgroup",
      procfs / "48214" / "cgroup"};
  for (const auto& f : locked) std::filesystem::permissions(f, std::filesystem::perms::none);
  for (const std::string profile : {"dcgm", "nvidia_smi"}) {
    const auto text = scrape_tree(procfs, profile);
    EXPECT_EQ(text, read_file(golden_of("unreadable-pid", profile))) << profile;
  }
}

}  // namespace
}  // namespace smistat::test

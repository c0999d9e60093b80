// smistat's own Grafana dashboard (etc/grafana/smistat.json, dcgm profile) against a real
// Prometheus scraping the real server: every variable offers values and every panel's queries
// return data, on the 8-GPU recording and on a GeForce with a fan and no ECC. Panels for
// hardware a GPU lacks stay empty there, never a stand-in number.
#include "tests/contracts/prometheus/grafana_dashboard.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "tests/config/temp_dir.hpp"
#include "tests/contracts/prometheus/dashboard_session.hpp"
#include "tests/contracts/prometheus/prometheus_server.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

struct recorded_machine {
  std::string name;
  bool has_ecc;
  bool has_fan;
};

enum class hardware { ecc, fan };

// Panels only some GPUs can fill, by title. A renamed panel fails the test below rather than
// silently losing its check.
const std::map<std::string, hardware> needs_hardware = {
    {"Uncorrectable ECC errors (volatile)", hardware::ecc},
    {"Row remapping pending / failed", hardware::ecc},
    {"Fan speed", hardware::fan},
};

std::filesystem::path dashboard_path() {
  return std::filesystem::path(SMISTAT_FIXTURES_DIR).parent_path() / "etc/grafana/smistat.json";
}

/** The kernel log's form of nvidia-smi's bus id: 00000000:18:00.0 is 0000:18:00. */
std::string kernel_pci_address(const std::string& bus_id) { return bus_id.substr(4, 10); }

bool write_line(const std::filesystem::path& fifo, const std::string& line) {
  const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  return written;
}

void expect_every_query_answered(const recorded_machine& machine) {
  if (!std::filesystem::exists(prometheus_binary))
    GTEST_SKIP() << "/usr/bin/prometheus not found: install the Debian package `prometheus` "
                    "(.ci/install-deps does) to run the dashboard test";
  temp_dir dir;
  const auto fifo = dir.path() / "kmsg";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  smistat_process server({"--replay", machine_dir(machine.name).string(), "--xid.source", fifo});
  ASSERT_NE(server.port(), 0);
  prometheus_server prom({server.port()});
  ASSERT_TRUE(eventually([&] { return !prom.query("DCGM_FI_DEV_GPU_UTIL").empty(); }))
      << "prometheus log:\n"
      << prom.log() << "\nsmistat log:\n"
      << server.log();

  // One XID report for GPU 0, so the XID panels have a report to show.
  const auto gpu0 = prom.query(R"(DCGM_FI_DEV_GPU_UTIL{gpu="0"})");
  ASSERT_EQ(gpu0.size(), 1u);
  const std::string bus_id(gpu0.at(0).at("metric").at("pci_bus_id").as_string());
  ASSERT_TRUE(write_line(fifo, "NVRM: Xid (PCI:" + kernel_pci_address(bus_id) +
                                   "): 79, pid=4242, name=python3, GPU has fallen off the bus.\n"));
  ASSERT_TRUE(eventually([&] { return !prom.query("smistat_xid_errors_total").empty(); }))
      << server.log();

  // Each variable as a user would pick it: the first value it offers, with the variables before
  // it already chosen; so the per-GPU row is run as Grafana repeats it, for one GPU.
  dashboard_session session(prom, load_grafana_dashboard(dashboard_path()));
  ASSERT_FALSE(session.dashboard().variables.empty());
  const auto silent = session.choose_variables(multi_choice::first);
  ASSERT_FALSE(silent) << "variable $" << *silent << " offers nothing";

  std::set<std::string> titles;
  for (const auto& panel : session.dashboard().panels) {
    titles.insert(panel.title);
    const auto need = needs_hardware.find(panel.title);
    const bool fillable = need == needs_hardware.end() ||
                          (need->second == hardware::ecc ? machine.has_ecc : machine.has_fan);
    for (const auto& target : panel.targets) {
      const auto expr = session.query_of(target);
      EXPECT_FALSE(unresolved_variable(expr)) << panel.title << ": unknown variable in " << expr;
      if (fillable) {
        EXPECT_TRUE(eventually([&] { return !prom.query(expr).empty(); }))
            << "panel \"" << panel.title << "\" has no data: " << expr;
      } else {
        EXPECT_TRUE(prom.query(expr).empty())
            << "panel \"" << panel.title << "\" shows data the GPU cannot have: " << expr;
      }
    }
  }
  for (const auto& [title, _] : needs_hardware)
    EXPECT_TRUE(titles.count(title)) << "no panel \"" << title << "\" any more";
}

TEST(GrafanaDashboard, EveryQueryHasDataOnTheEightGpuRecording) {
  expect_every_query_answered({"synthetic-8x-h100__590.48.01", true, false});
}

TEST(GrafanaDashboard, EveryQueryHasDataOnAGeforceWithAFanAndNoEcc) {
  expect_every_query_answered({"geforce-rtx-4080-super__595.71.05", false, true});
}

}  // namespace
}  // namespace smistat::test

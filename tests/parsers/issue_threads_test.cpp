// Output quoted in public issue threads (fixtures/issue-threads, provenance in its README).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parsers/query_csv.hpp"
#include "parsers/smi_failure.hpp"
#include "tests/support/golden.hpp"

namespace smistat::parsers {
namespace {

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> out;
  for (const auto name : split_cells(list)) out.emplace_back(name);
  return out;
}

std::string thread_file(const std::string& name) {
  return test::read_file(test::fixtures_dir() / "issue-threads" / name);
}

struct csv_case {
  const char* file;
  const char* fields;  ///< the `--query-gpu=` list of the thread's command
  csv_format format;
  std::size_t rows;
};

constexpr csv_format with_header{};
constexpr csv_format no_header{.header = false};
constexpr csv_format bare{.header = false, .units = false};

std::vector<std::string> zabbix_fields() {
  auto fields = split_list("timestamp,index,name,uuid");
  for (int i = 5; i <= 27; ++i) fields.push_back("column_" + std::to_string(i));
  return fields;
}

TEST(issue_threads, every_csv_parses_with_its_command_fields) {
  const char* i3 =
      "memory.total,memory.free,memory.used,temperature.gpu,fan.speed,utilization.gpu,"
      "utilization.memory";
  const char* prmon = "clocks.max.sm,memory.total,gpu_name";
  const char* bpytop =
      "gpu_name,fan.speed,memory.total,memory.used,utilization.gpu,"
      "temperature.gpu,power.draw,clocks.gr,clocks.mem";
  const csv_case cases[] = {
      {"csv-noheader-nounits__old-driver-not-supported__i3pystatus-776.csv", i3, bare, 1},
      {"csv-noheader-nounits__new-driver-na__i3pystatus-776.csv", i3, bare, 1},
      {"csv-noheader__geforce-gtx-770__windows__megaminer-235.csv",
       "gpu_name,utilization.gpu,utilization.memory,temperature.gpu,power.draw,power.limit,"
       "fan.speed,pstate,clocks.current.graphics,clocks.current.memory,power.max_limit,"
       "power.default_limit",
       no_header, 1},
      {"csv-noheader-nounits__tesla-v100-sxm2-32gb__440.64.00__telegraf-7659.csv",
       "fan.speed,memory.total,memory.used,memory.free,pstate,temperature.gpu,name,uuid,"
       "utilization.gpu,utilization.memory,index",
       bare, 1},
      {"csv-noheader-nounits__geforce-gtx-1060-3gb__windows__telegraf-6106.csv",
       "fan.speed,memory.total,memory.used,memory.free,pstate,temperature.gpu,name,uuid,"
       "compute_mode,utilization.gpu,utilization.memory,index,power.draw,pcie.link.gen.current,"
       "pcie.link.width.current,encoder.stats.sessionCount,encoder.stats.averageFps,"
       "encoder.stats.averageLatency,clocks.current.graphics,clocks.current.sm,"
       "clocks.current.memory,clocks.current.video",
       bare, 1},
      {"csv-noheader-nounits__geforce-rtx-2080__440.64__ricks-lab-83.csv",
       "power.limit,power.min_limit,power.max_limit,memory.total,vbios_version,driver_version,"
       "name,gpu_uuid,power.draw,temperature.gpu,temperature.memory,clocks.current.graphics,"
       "clocks.sm,clocks.mem,utilization.gpu,utilization.memory,fan.speed,"
       "pcie.link.width.current,pstate",
       bare, 1},
      {"csv-noheader-nounits__mig-vgpu-h100l-2-24c__prmon-317.csv", prmon, bare, 1},
      {"csv-noheader-nounits__2x-rtx-a6000__prmon-317.csv", prmon, bare, 2},
      {"csv-loop-l1__geforce-gtx-1650-super__530.41.03__ksysguard-gpu-31.csv",
       "index,temperature.gpu,utilization.gpu,utilization.memory,fan.speed,pstate,power.draw,"
       "clocks.sm,clocks.mem,clocks.gr",
       with_header, 5},
      {"csv__geforce-rtx-2080-ti__bpytop-26.csv", bpytop, with_header, 1},
      {"csv__gtx-1080-ti_and_gtx-1060-6gb__bpytop-26.csv", bpytop, with_header, 2},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    const auto fields = split_list(c.fields);
    const auto t = parse_query_csv(thread_file(c.file), fields, c.format);
    ASSERT_TRUE(t) << t.error().message();
    EXPECT_EQ(t->rows.size(), c.rows);
    EXPECT_TRUE(t->lost.empty());
    for (const auto& row : t->rows)
      for (const auto& cell : row) EXPECT_NE(cell.state, availability::unknown_placeholder);
  }
}

TEST(issue_threads, zabbix_row_is_mostly_not_available) {
  const auto fields = zabbix_fields();
  const auto t = parse_query_csv(thread_file("csv-row__geforce-rtx-3080__zabbix-nvidia-smi-17.csv"),
                                 fields, no_header);
  ASSERT_TRUE(t) << t.error().message();
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_TRUE(to_timestamp(*t->find(0, "timestamp")));
  EXPECT_EQ(t->find(0, "name")->raw, "NVIDIA GeForce RTX 3080");
  EXPECT_EQ(t->find(0, "column_5")->state, availability::not_available);
}

TEST(issue_threads, placeholders_seen_in_threads) {
  const auto fields = split_list(
      "memory.total,memory.free,memory.used,temperature.gpu,fan.speed,"
      "utilization.gpu,utilization.memory");
  const auto old_driver = parse_query_csv(
      thread_file("csv-noheader-nounits__old-driver-not-supported__i3pystatus-776.csv"), fields,
      bare);
  const auto new_driver = parse_query_csv(
      thread_file("csv-noheader-nounits__new-driver-na__i3pystatus-776.csv"), fields, bare);
  ASSERT_TRUE(old_driver && new_driver);
  EXPECT_EQ(old_driver->find(0, "fan.speed")->state, availability::not_supported);
  EXPECT_EQ(new_driver->find(0, "fan.speed")->state, availability::not_available);

  const auto ricks = split_list(
      "power.limit,power.min_limit,power.max_limit,memory.total,vbios_version,driver_version,"
      "name,gpu_uuid,power.draw,temperature.gpu,temperature.memory,clocks.current.graphics,"
      "clocks.sm,clocks.mem,utilization.gpu,utilization.memory,fan.speed,"
      "pcie.link.width.current,pstate");
  const auto t = parse_query_csv(
      thread_file("csv-noheader-nounits__geforce-rtx-2080__440.64__ricks-lab-83.csv"), ricks, bare);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->find(0, "temperature.memory")->state, availability::not_available);
  EXPECT_EQ(t->find(0, "name")->raw, "GeForce RTX 2080");
  EXPECT_EQ(to_number(*t->find(0, "power.draw")), 176.98);
  EXPECT_EQ(to_pstate(*t->find(0, "pstate")), 2);
}

TEST(issue_threads, loop_mode_aliases_come_back_canonical) {
  const auto fields = split_list(
      "index,temperature.gpu,utilization.gpu,utilization.memory,"
      "fan.speed,pstate,power.draw,clocks.sm,clocks.mem,clocks.gr");
  const auto t = parse_query_csv(
      thread_file("csv-loop-l1__geforce-gtx-1650-super__530.41.03__ksysguard-gpu-31.csv"), fields,
      with_header);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->returned[7], (returned_field{"clocks.current.sm", "MHz"}));
  EXPECT_EQ(t->find(4, "clocks.sm")->raw, "480 MHz");
}

struct error_case {
  const char* file;
  int exit_code;  ///< as in the thread; 255 (nvidia-smi's generic code) where not shown
  smi_failure want;
};

TEST(issue_threads, every_error_text_classifies) {
  const error_case cases[] = {
      {"err__driver-not-loaded__exit9__nvidia_gpu_exporter-65.stdout.txt", 9,
       smi_failure::driver_not_loaded},
      {"err__nvml-driver-library-mismatch__nvidia_gpu_exporter-63.txt", 255,
       smi_failure::version_mismatch},
      {"err__nvml-driver-library-mismatch-with-nvml-version__tinygrad-ogkm-47.txt", 255,
       smi_failure::version_mismatch},
      {"err__nvml-unknown-error__nvidia_gpu_exporter-110.txt", 255,
       smi_failure::nvml_unknown_error},
      {"err__nvml-insufficient-permissions__netdata-21353.txt", 255,
       smi_failure::insufficient_permissions},
      {"err__libnvidia-ml-not-found__nvidia-docker-1163.txt", 12,
       smi_failure::nvml_library_missing},
      {"err__no-devices-were-found__ogkm-862.txt", 6, smi_failure::no_devices},
      {"err__gpu-is-lost__marian-251.txt", 15, smi_failure::gpu_lost},
      {"err__device-handle-unknown-error__ogkm-387.txt", 255, smi_failure::gpu_lost},
      {"err__device-handle-unknown-error-nospace__syno-22.txt", 255, smi_failure::gpu_lost},
      {"err__invalid-field__zabbix-nvidia-smi-17.txt", 2, smi_failure::invalid_field},
      {"err__smi-nvml-version-mismatch-warning__cuda_hook-15.txt", 255,
       smi_failure::version_mismatch},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    const auto text = thread_file(c.file);
    const auto on_stdout = classify_failure(c.exit_code, text, "");
    EXPECT_EQ(on_stdout.kind, c.want);
    EXPECT_FALSE(on_stdout.message.empty());
    EXPECT_EQ(classify_failure(c.exit_code, "", text).kind, c.want) << "same text on stderr";
    // Any exit code works: the text decides, not the number.
    EXPECT_EQ(classify_failure(1, text, "").kind, c.want);
  }
}

TEST(issue_threads, lost_gpu_texts_give_bus_id_and_reason) {
  const auto lost = parse_lost_gpu_line(thread_file("err__gpu-is-lost__marian-251.txt"));
  ASSERT_TRUE(lost);
  EXPECT_EQ(lost->bus_id, "0000:03:00.0");
  EXPECT_EQ(lost->reason, "GPU is lost.  Reboot the system to recover this GPU");
  const auto nospace =
      parse_lost_gpu_line(thread_file("err__device-handle-unknown-error-nospace__syno-22.txt"));
  ASSERT_TRUE(nospace);
  EXPECT_EQ(nospace->bus_id, "0000:07:00.0");
  EXPECT_EQ(nospace->reason, "Unknown Error");
}

}  // namespace
}  // namespace smistat::parsers

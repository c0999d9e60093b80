#include "src/contracts/gpu_metrics_api/gpu_metrics_api.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "src/common/iso_time.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_gpu.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"
#include "src/history/gpu_trend_history.hpp"
#include "tests/contracts/machine_fixture.hpp"
#include "tests/contracts/render_fixture.hpp"

namespace smistat::render {
namespace {

using namespace std::chrono;

constexpr std::string_view all_fields =
    "index,name,uuid,pci.bus_id,compute_cap,pstate,memory.total,memory.used,memory.free,"
    "utilization.gpu,utilization.memory,temperature.gpu,power.draw,enforced.power.limit,"
    "power.limit,clocks.current.graphics,clocks.current.memory,clocks.max.graphics,"
    "clocks.max.memory,pcie.link.gen.max,pcie.link.width.max,fan.speed,"
    "clocks_event_reasons.active";

constexpr std::string_view rtx_4090_row =
    "0, NVIDIA GeForce RTX 4090, GPU-aaaa, 00000000:01:00.0, 8.9, P2, 24564, 2048, 22516, 45, "
    "12, 58, 185.23, 450.00, 450.00, 2520, 10501, 2520, 10501, 4, 16, 30, 0x0000000000000000\n";

collect::wall_clock::time_point readme_time() {
  return sys_days{year{2024} / January / 15} + hours{10} + minutes{30} + seconds{45} +
         milliseconds{900};
}

std::string render(const collect::snapshot& s) {
  history::gpu_trend_history history(trend_samples);
  return render_gpu_metrics(s, test::sample_time(), history.update(s));
}

collect::snapshot one_gpu(std::string_view row) {
  return test::single_row_snapshot(all_fields, row);
}

std::string row_with(std::string_view from, std::string_view to) {
  std::string row(rtx_4090_row);
  const auto at = row.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return row.replace(at, from.size(), to);
}

// GPU 0 is the README's RTX 4090; GPU 1 the same card on bus 02 with uuid GPU-bbbb.
collect::snapshot two_gpus(int util0, int temp0, int util1, int temp1) {
  const auto row = [](int index, const char* uuid, const char* bus, int util, int temp) {
    return std::to_string(index) + ", NVIDIA GeForce RTX 4090, " + uuid + ", " + bus +
           ", 8.9, P2, 24564, 2048, 22516, " + std::to_string(util) + ", 12, " +
           std::to_string(temp) +
           ", 185.23, 450.00, 450.00, 2520, 10501, 2520, 10501, 4, 16, 30, 0x0\n";
  };
  return test::single_row_snapshot(all_fields,
                                   row(0, "GPU-aaaa", "00000000:01:00.0", util0, temp0) +
                                       row(1, "GPU-bbbb", "00000000:02:00.0", util1, temp1));
}

// The README example of the original, with the values a real row gives: used 2048 MiB (the
// README's 2048.5 cannot come from nvidia-smi) and no Python version.
TEST(gpu_metrics_api, readme_example_reproduced) {
  collect::snapshot s = one_gpu(rtx_4090_row);
  s.facts.driver_version = "535.86.10";
  s.facts.cuda_version = "12.2";
  s.facts.nvml_version = "535.86";
  s.details = {{"00000000:01:00.0", "GPU-aaaa", 1024.5 * 1024, 512.3 * 1024, {}}};
  auto host = std::make_shared<system::system_snapshot>(*test::fixed_host());
  host->memory.top_processes.resize(1);
  host->io.write_ops_per_sec = 75.2;
  s.host = host;
  history::gpu_trend_history history(trend_samples);
  const std::string body = render_gpu_metrics(s, readme_time(), history.update(s));
  EXPECT_EQ(
      body,
      R"({"timestamp":"2024-01-15T10:30:45Z","system_info":{"os":"Linux","os_release":"6.1.0-18-amd64","os_version":"#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1","architecture":"x86_64","processor":"","hostname":"node01","python_version":"","platform":"Linux-6.1.0-18-amd64-x86_64-with-glibc2.36","driver_version":"535.86.10","cuda_version":"12.2","nvml_version":"12.535.86","cpu":{"cpu_count_physical":8,"cpu_count_logical":16,"cpu_percent":25.5,"cpu_per_core_percent":[20.1,30.2],"cpu_freq_current_mhz":3200.0,"cpu_freq_min_mhz":800.0,"cpu_freq_max_mhz":4200.0},"memory":{"total_mb":32768,"available_mb":16384,"used_mb":16384,"percent":50.0,"cached_mb":4096,"buffers_mb":512,"top_processes":[{"pid":1234,"name":"python3","memory_mb":812.4,"memory_percent":2.48,"username":"alice"}]},"disk_used_gb":500.5,"disk_available_gb":199.5,"disk_io":{"read_bytes_per_sec":1048576.0,"write_bytes_per_sec":524288.0,"read_ops_per_sec":150.5,"write_ops_per_sec":75.2,"total_read_bytes":1099511627776,"total_write_bytes":549755813888,"total_read_ops":15728640,"total_write_ops":7864320},"temperature_celsius":45.0},)"
      R"("gpu_count":1,"gpus":[{"id":0,"timestamp":"2024-01-15T10:30:45Z","name":"NVIDIA GeForce RTX 4090","compute_capability":"8.9","performance_state":2,"memory":{"total_mb":24564.0,"used_mb":2048.0,"free_mb":22516.0,"utilization_percent":8.3,"bandwidth_utilization_percent":4.9},"utilization":{"gpu_percent":45,"memory_percent":12,"sm_percent":45},"temperature_celsius":58,"power":{"usage_watts":185.2,"limit_watts":450000,"budget_watts":264.8,"efficiency_percent":41},"rate_of_change":{"temperature_delta_per_sec":0.0,"power_delta_per_sec":0.0},"peak_values":{"gpu_utilization_percent":45.0,"power_watts":185.2,"temperature_celsius":58.0},"clocks":{"graphics_mhz":2520,"memory_mhz":10501,"max_graphics_mhz":2520,"max_memory_mhz":10501,"efficiency_percent":100},"pcie":{"generation":4,"width":16,"tx_throughput_mbps":1024.5,"rx_throughput_mbps":512.3,"total_throughput_mbps":1536.8,"max_bandwidth_mbps":31504.0,"utilization_percent":5},"throttling":{"reasons":0,"is_throttled":false,"bottlenecks":[]},"fan_speed_rpm":30,"status":"active","top_processes":[],"debug_info":{"gpu_util_threshold":"45.0% >= 5.0%","power_threshold":"185.2W > 10.0W","memory_util_threshold":"8.3% >= 5.0%","clock_threshold":"2520MHz > 756MHz","temp_threshold":"58.0°C > 40.0°C","is_active":true}}],)"
      R"("summary":{"total_memory_mb":24564,"total_used_memory_mb":2048,"memory_utilization_percent":8.3,"average_gpu_utilization_percent":45.0,"average_temperature_celsius":58,"total_power_usage_watts":185.2},"status":"ok"})");
}

TEST(gpu_metrics_api, no_data_and_no_host_is_the_error_shape) {
  EXPECT_EQ(
      render(test::empty_snapshot()),
      R"({"timestamp":"2026-11-21T23:18:33Z","system_info":{"os":"","os_release":"","os_version":"","architecture":"","processor":"","hostname":"","python_version":"","platform":"","driver_version":"","cuda_version":"","nvml_version":"","cpu":{},"memory":{},"disk_used_gb":0.0,"disk_available_gb":0.0,"disk_io":{},"temperature_celsius":0.0},)"
      R"("gpu_count":0,"gpus":[],"summary":{"total_memory_mb":0,"total_used_memory_mb":0,"memory_utilization_percent":0,"average_gpu_utilization_percent":0,"average_temperature_celsius":0,"total_power_usage_watts":0},"status":"error"})");
}

TEST(gpu_metrics_api, no_data_keeps_the_host_half) {
  collect::snapshot s = test::empty_snapshot();
  s.facts.nvidia_smi_found = false;
  s.host = test::fixed_host();
  const std::string body = render(s);
  EXPECT_NE(body.find(R"("cpu":{"cpu_count_physical":8,)"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("gpu_count":0,"gpus":[],)"), std::string::npos) << body;
  EXPECT_TRUE(body.ends_with(R"("total_power_usage_watts":0},"status":"error"})")) << body;
}

TEST(gpu_metrics_api, placeholders_read_as_zero) {
  const std::string body = render(one_gpu(
      "0, [N/A], [N/A], [N/A], [N/A], [N/A], [N/A], [N/A], [N/A], [N/A], [Not Supported], "
      "[N/A], [N/A], [N/A], [N/A], [N/A], [N/A], [N/A], [N/A], [N/A], [N/A], [N/A], [N/A]\n"));
  for (
      const char* expected :
      {R"("name":"","compute_capability":"","performance_state":-1,)",
       R"("memory":{"total_mb":0.0,"used_mb":0.0,"free_mb":0.0,"utilization_percent":0.0,"bandwidth_utilization_percent":0.0})",
       R"("utilization":{"gpu_percent":0,"memory_percent":0,"sm_percent":0},"temperature_celsius":0,)",
       R"("power":{"usage_watts":0.0,"limit_watts":0,"budget_watts":0.0,"efficiency_percent":0})",
       R"("pcie":{"generation":0,"width":0,"tx_throughput_mbps":0.0,"rx_throughput_mbps":0.0,"total_throughput_mbps":0.0,"max_bandwidth_mbps":0.0,"utilization_percent":0})",
       R"("throttling":{"reasons":0,"is_throttled":false,"bottlenecks":[]},"fan_speed_rpm":0,"status":"idle",)",
       R"("summary":{"total_memory_mb":0,"total_used_memory_mb":0,"memory_utilization_percent":0.0,)"})
    EXPECT_NE(body.find(expected), std::string::npos) << expected << "\n" << body;
}

TEST(gpu_metrics_api, limit_falls_back_to_the_power_limit_in_milliwatts) {
  const auto body = render(one_gpu(row_with("450.00, 450.00", "[N/A], 250.50")));
  EXPECT_NE(body.find(R"("limit_watts":250500,"budget_watts":65.3,"efficiency_percent":74})"),
            std::string::npos)
      << body;
}

TEST(gpu_metrics_api, throttle_reasons_are_decoded) {
  const struct {
    const char* reasons;
    const char* expected;
  } cases[] = {
      {"0x0000000000000001", R"("throttling":{"reasons":1,"is_throttled":true,"bottlenecks":[]})"},
      {"0x0000000000000048",
       R"("throttling":{"reasons":72,"is_throttled":true,"bottlenecks":["thermal_throttling","board_power_throttling"]})"},
      {"[Not Supported]", R"("throttling":{"reasons":0,"is_throttled":false,"bottlenecks":[]})"},
  };
  for (const auto& c : cases) {
    const auto body = render(one_gpu(row_with("0x0000000000000000", c.reasons)));
    EXPECT_NE(body.find(c.expected), std::string::npos) << c.reasons << "\n" << body;
  }
}

TEST(gpu_metrics_api, pcie_throughput_is_matched_by_bus_id_then_uuid) {
  const struct {
    const char* name;
    parsers::gpu_details details;
    const char* expected;
  } cases[] = {
      {"bus id with a short domain",
       {"0000:01:00.0", "GPU-other", 2048, 1024, {}},
       R"("tx_throughput_mbps":2.0,"rx_throughput_mbps":1.0,"total_throughput_mbps":3.0,)"},
      {"uuid",
       {"", "GPU-aaaa", 512, std::nullopt, {}},
       R"("tx_throughput_mbps":0.5,"rx_throughput_mbps":0.0,"total_throughput_mbps":0.5,)"},
      {"another GPU",
       {"00000000:02:00.0", "GPU-bbbb", 2048, 1024, {}},
       R"("tx_throughput_mbps":0.0,"rx_throughput_mbps":0.0,"total_throughput_mbps":0.0,)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    collect::snapshot s = one_gpu(rtx_4090_row);
    s.details = {c.details};
    const auto body = render(s);
    EXPECT_NE(body.find(c.expected), std::string::npos) << body;
  }
}

TEST(gpu_metrics_api, top_processes_per_gpu) {
  collect::snapshot s = two_gpus(45, 58, 45, 58);
  const auto app = [](const char* uuid, std::int64_t pid, std::optional<std::int64_t> mib) {
    parsers::compute_app a;
    a.gpu_uuid = uuid;
    a.pid = pid;
    a.used_memory_mib = mib;
    return a;
  };
  s.apps = {app("GPU-aaaa", 10, 100),          app("GPU-aaaa", 11, 4000),
            app("GPU-bbbb", 12, 50),           app("GPU-aaaa", 10, 900),
            app("GPU-aaaa", 13, std::nullopt), app("GPU-aaaa", 14, 10),
            app("GPU-aaaa", 15, 20),           app("GPU-aaaa", 16, 30)};
  s.app_processes = {{11, "python3", "bob", "python3 train.py", 37.44, std::nullopt, 0, {}}};
  const auto body = render(s);
  EXPECT_NE(
      body.find(
          R"("top_processes":[{"pid":11,"name":"python3","memory_mb":4000.0,"memory_percent":16.28,"username":"bob","cpu_percent":37.4},)"
          R"({"pid":10,"name":"","memory_mb":100.0,"memory_percent":0.41,"username":"","cpu_percent":0.0},)"
          R"({"pid":16,"name":"","memory_mb":30.0,"memory_percent":0.12,"username":"","cpu_percent":0.0},)"
          R"({"pid":15,"name":"","memory_mb":20.0,"memory_percent":0.08,"username":"","cpu_percent":0.0},)"
          R"({"pid":14,"name":"","memory_mb":10.0,"memory_percent":0.04,"username":"","cpu_percent":0.0}],)"),
      std::string::npos)
      << body;
  EXPECT_NE(
      body.find(
          R"("top_processes":[{"pid":12,"name":"","memory_mb":50.0,"memory_percent":0.2,"username":"","cpu_percent":0.0}],)"),
      std::string::npos)
      << body;
}

TEST(gpu_metrics_api, summary_over_several_gpus) {
  const collect::snapshot s = two_gpus(45, 58, 10, 61);
  const auto body = render(s);
  EXPECT_NE(
      body.find(
          R"("summary":{"total_memory_mb":49128,"total_used_memory_mb":4096,"memory_utilization_percent":8.3,"average_gpu_utilization_percent":27.5,"average_temperature_celsius":60,"total_power_usage_watts":370.4},"status":"ok"})"),
      std::string::npos)
      << body;
}

TEST(gpu_metrics_api, timestamps) {
  EXPECT_EQ(common::utc_iso_seconds(readme_time()), "2024-01-15T10:30:45Z");
  EXPECT_EQ(common::utc_iso_seconds(collect::wall_clock::time_point{}), "1970-01-01T00:00:00Z");
}

TEST(gpu_metrics_api, bus_ids_compare_across_print_forms) {
  const struct {
    const char *a, *b;
    bool same;
  } cases[] = {
      {"00000000:0C:00.0", "0000:0c:00.0", true},
      {"00000000:0C:00.0", "00000000:0C:00.0", true},
      {"00000000:0C:00.0", "00000000:0D:00.0", false},
      {"00000001:0C:00.0", "0000:0C:00.0", false},
      {"", "", true},
      {"zz:0C:00.0", "zz:0C:00.0", false},
      {"0C:00.0", "0c:00.0", true},
  };
  for (const auto& c : cases) EXPECT_EQ(same_bus_id(c.a, c.b), c.same) << c.a << " vs " << c.b;
}

TEST(gpu_metrics_api, rounding_to_int_is_pythons) {
  EXPECT_EQ(round_to_int(2.5), 2);
  EXPECT_EQ(round_to_int(3.5), 4);
  EXPECT_EQ(round_to_int(-2.5), -2);
  EXPECT_EQ(round_to_int(688.41 * 1000), 688410);
  EXPECT_EQ(round_to_int(std::numeric_limits<double>::quiet_NaN()), 0);
}

}  // namespace
}  // namespace smistat::render

// --query-gpu and --query-compute-apps: aliases, formats, -i, unknown fields.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/replayer/replayer_process.hpp"

namespace smistat::test {
namespace {

constexpr const char* h100 = "h100-80gb-hbm3__590.48.01";
constexpr const char* eight_gpus = "synthetic-8x-h100__590.48.01";

run_output query(const char* machine, std::vector<std::string> args, env_vars env = {}) {
  env.emplace_back("NVIDIA_SMI_REPLAY_DIR", machine_dir(machine).string());
  return run_replayer(args, env);
}

TEST(replayer_query, alias_comes_back_under_its_canonical_name) {
  const auto r = query(h100, {"--query-gpu=clocks.gr,gpu_name,index", "--format=csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "clocks.current.graphics [MHz], name, index\n"
            "1980 MHz, NVIDIA H100 80GB HBM3, 0\n");
}

// A process path with `, ` in it is one cell of the recording, replayed as printed.
TEST(replayer_query, process_name_with_a_comma_is_replayed_whole) {
  const auto r =
      query("synthetic/windows-comma-in-process-name__591.86",
            {"--query-compute-apps=pid,process_name,used_memory", "--format=csv,noheader"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("20372, C:\\Program Files\\Foo, Inc\\app.exe, [N/A]\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("16280, C:\\Games\\Rock, Paper, Scissors\\rps.exe, [N/A]\n"),
            std::string::npos)
      << r.out;
}

TEST(replayer_query, old_throttle_names_follow_the_driver) {
  struct row {
    const char* machine;
    const char* field;
    const char* expected;
    int exit_code;
  };
  const row rows[] = {
      {"geforce-rtx-2080-super__465.27", "clocks_throttle_reasons.active",
       "clocks_throttle_reasons.active\n0x0000000000000001\n", 0},
      {h100, "clocks_throttle_reasons.active", "clocks_event_reasons.active\n0x0000000000000000\n",
       0},
      {"geforce-rtx-2080-super__465.27", "clocks_event_reasons.active",
       "Field \"clocks_event_reasons.active\" is not a valid field to query.\n", 2},
  };
  for (const auto& r : rows) {
    const auto got = query(r.machine, {std::string("--query-gpu=") + r.field, "--format=csv"});
    EXPECT_EQ(got.out, r.expected) << r.machine << " " << r.field;
    EXPECT_EQ(got.exit_code, r.exit_code) << r.machine << " " << r.field;
  }
}

TEST(replayer_query, format_options_drop_header_and_units) {
  struct row {
    const char* format;
    const char* expected;
  };
  const row rows[] = {
      {"csv",
       "memory.used [MiB], power.draw [W], fan.speed [%], pstate\n"
       "19818 MiB, 631.95 W, [N/A], P0\n"},
      {"csv,noheader", "19818 MiB, 631.95 W, [N/A], P0\n"},
      {"csv,nounits",
       "memory.used [MiB], power.draw [W], fan.speed [%], pstate\n"
       "19818, 631.95, [N/A], P0\n"},
      {"noheader,nounits,csv", "19818, 631.95, [N/A], P0\n"},
  };
  for (const auto& r : rows) {
    const auto got = query(h100, {"--query-gpu=memory.used,power.draw,fan.speed,pstate",
                                  std::string("--format=") + r.format});
    EXPECT_EQ(got.exit_code, 0) << r.format;
    EXPECT_EQ(got.out, r.expected) << r.format;
  }
}

TEST(replayer_query, state_picks_the_recording) {
  const auto idle = query(h100, {"--query-gpu=utilization.gpu", "--format=csv,noheader"},
                          {{"NVIDIA_SMI_REPLAY_STATE", "idle"}});
  EXPECT_EQ(idle.out, "0 %\n");
  const auto by_default = query(h100, {"--query-gpu=utilization.gpu", "--format=csv,noheader"});
  EXPECT_EQ(by_default.out, "100 %\n");
  const auto bad =
      query(h100, {"--query-gpu=index", "--format=csv"}, {{"NVIDIA_SMI_REPLAY_STATE", "busy"}});
  EXPECT_EQ(bad.exit_code, 255);
  EXPECT_NE(bad.err.find("NVIDIA_SMI_REPLAY_STATE"), std::string::npos) << bad.err;
}

TEST(replayer_query, id_selects_by_index_uuid_or_bus_id) {
  struct row {
    std::vector<std::string> id_args;
    const char* expected;
  };
  const row rows[] = {
      {{"-i", "3"}, "3\n"},
      {{"--id=7"}, "7\n"},
      {{"-i", "GPU-00000000-0000-0000-0000-000000000005"}, "5\n"},
      {{"-i", "gpu-00000000-0000-0000-0000-000000000005"}, "5\n"},
      {{"-i", "00000000:5D:00.0"}, "3\n"},
      {{"-i", "5d:00.0"}, "3\n"},
      {{"-i", "0000:ab:00.0"}, "5\n"},
      {{"-i", "1,6"}, "1\n6\n"},
      {{"--id", "DB:00.0"}, "7\n"},
  };
  for (const auto& r : rows) {
    std::vector<std::string> args{"--query-gpu=index", "--format=csv,noheader"};
    args.insert(args.end(), r.id_args.begin(), r.id_args.end());
    const auto got = query(eight_gpus, args);
    EXPECT_EQ(got.exit_code, 0) << r.id_args.back();
    EXPECT_EQ(got.out, r.expected) << r.id_args.back();
  }
}

TEST(replayer_query, id_naming_no_gpu_finds_no_devices) {
  const auto r = query(eight_gpus, {"--query-gpu=index", "--format=csv", "-i", "8"});
  EXPECT_EQ(r.out, "No devices were found\n");
  EXPECT_EQ(r.exit_code, 6);
}

TEST(replayer_query, unknown_field_fails_the_whole_query) {
  const auto r =
      query(h100, {"--query-gpu=index,clocks_throttle_reasons.unknown,name", "--format=csv"});
  // Byte for byte as plambe/zabbix-nvidia-smi-multi-gpu#17 quotes it, on stdout.
  EXPECT_EQ(r.out, "Field \"clocks_throttle_reasons.unknown\" is not a valid field to query.\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.exit_code, 2);
}

TEST(replayer_query, without_help_header_names_and_their_aliases_are_fields) {
  const char* windows_466 = "geforce-rtx-2080-super-windows__466.63";
  const auto named =
      query(windows_466, {"--query-gpu=name,driver_model.current", "--format=csv,noheader"});
  EXPECT_EQ(named.out, "NVIDIA GeForce RTX 2080 SUPER, WDDM\n");
  // The built-in help of the newest driver knows `gpu_name` as `name` (builtin_alias_test.cpp).
  const auto alias = query(windows_466, {"--query-gpu=gpu_name", "--format=csv"});
  EXPECT_EQ(alias.exit_code, 0);
  EXPECT_EQ(alias.out, "name\nNVIDIA GeForce RTX 2080 SUPER\n");
  const auto unknown = query(windows_466, {"--query-gpu=gpu_nickname", "--format=csv"});
  EXPECT_EQ(unknown.exit_code, 2);
}

TEST(replayer_query, missing_or_bad_format_is_refused) {
  for (const auto& format : std::vector<std::string>{"", "--format=json", "--format=noheader"}) {
    std::vector<std::string> args{"--query-gpu=index"};
    if (!format.empty()) args.push_back(format);
    const auto r = query(h100, args);
    EXPECT_EQ(r.exit_code, 255) << format;
    EXPECT_EQ(r.out,
              "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.\n")
        << format;
  }
}

TEST(replayer_query, compute_apps_keep_windows_paths) {
  const auto r = query("geforce-rtx-2080-super-windows__591.86",
                       {"--query-compute-apps=pid,name,used_memory", "--format=csv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with(
      "pid, process_name, used_gpu_memory [MiB]\n"
      "12444, C:\\Windows\\SystemApps\\MicrosoftWindows.Client.CBS_cw5n1h2txyewy\\"
      "TextInputHost.exe, [N/A]\n"))
      << r.out;
  EXPECT_NE(r.out.find("2056, C:\\Windows\\System32\\dwm.exe, [N/A]\n"), std::string::npos);
}

TEST(replayer_query, compute_apps_follow_id_and_units) {
  const auto r = query(eight_gpus, {"--query-compute-apps=pid,gpu_uuid,used_gpu_memory",
                                    "--format=csv,noheader,nounits", "-i", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "11328, GPU-00000000-0000-0000-0000-000000000001, 1542\n");
  const auto idle = query(h100, {"--query-compute-apps=pid", "--format=csv"},
                          {{"NVIDIA_SMI_REPLAY_STATE", "idle"}});
  EXPECT_EQ(idle.out, "pid\n");
}

TEST(replayer_query, compute_apps_unknown_field) {
  const auto r = query(h100, {"--query-compute-apps=pid,gpu_index", "--format=csv"});
  EXPECT_EQ(r.out, "Field \"gpu_index\" is not a valid field to query.\n");
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace smistat::test

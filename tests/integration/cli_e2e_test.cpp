// `smistat available`, `smistat list` and the nvgpu routes, run for real against the replayer.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <string>
#include <thread>

#include "tests/config/temp_dir.hpp"
#include "tests/integration/cli_run.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

namespace json = boost::json;

const std::string eight_gpus = "synthetic-8x-h100__590.48.01";

/** The replay of `machine` with nothing inherited that changes what the tools print. */
std::vector<std::string> replay(const std::string& machine, std::vector<std::string> args) {
  args.push_back("--replay");
  args.push_back(machine_dir(machine).string());
  return args;
}

environment_overrides clean(environment_overrides env = {}) {
  for (const char* name : {"NVIDIA_SMI_REPLAY_STATE", "NVIDIA_SMI_REPLAY_FAULT", "NO_COLOR"})
    env.emplace(name, std::nullopt);
  env.emplace("CUDA_VISIBLE_DEVICES", std::nullopt);
  return env;
}

std::size_t count_lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

TEST(available_e2e, prints_free_gpus_for_cuda_visible_devices) {
  // Under load GPUs 0-4 use 24 % of their memory, 5-7 are idle.
  auto r = run_smistat(replay(eight_gpus, {"available"}), clean());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "5,6,7\n");
  EXPECT_EQ(run_smistat(replay(eight_gpus, {"available", "-l", "1"}), clean()).out, "5\n");
  EXPECT_EQ(run_smistat(replay(eight_gpus, {"available", "-l", "0"}), clean()).out, "5,6,7\n");
  EXPECT_EQ(run_smistat(replay(eight_gpus, {"available", "--max-used-percent", "25"}), clean()).out,
            "0,1,2,3,4,5,6,7\n");
  EXPECT_EQ(run_smistat(replay(eight_gpus, {"available", "--max-used-percent", "0"}), clean()).out,
            "5,6,7\n");
}

TEST(available_e2e, none_free_is_an_empty_line_and_exit_0) {
  auto r = run_smistat(replay(eight_gpus, {"available"}), clean({{"CUDA_VISIBLE_DEVICES", "0,1"}}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "\n");
}

TEST(available_e2e, only_gpus_the_caller_may_use_in_cuda_order) {
  auto r = run_smistat(
      replay(eight_gpus, {"available"}),
      clean({{"CUDA_VISIBLE_DEVICES", "7,GPU-00000000-0000-0000-0000-000000000006,0,5"}}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "7,6,5\n");
}

TEST(available_e2e, a_missing_nvidia_smi_is_one_line_and_exit_1) {
  auto r = run_smistat({"available", "--nvidia-smi", "/nonexistent/nvidia-smi"}, clean());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_NE(r.err.find("nvidia_smi_missing"), std::string::npos) << r.err;
}

TEST(available_e2e, a_failing_nvidia_smi_is_one_line_and_exit_1) {
  auto r = run_smistat(replay(eight_gpus, {"available"}),
                       clean({{"NVIDIA_SMI_REPLAY_FAULT", "exit:9"}}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  // The replay warning goes to stderr first; the failure is its last line.
  EXPECT_NE(r.err.find("smistat available: nvidia-smi failed (driver_not_loaded)"),
            std::string::npos)
      << r.err;
}

TEST(cli_e2e, unknown_options_are_refused_with_one_line_and_exit_2) {
  for (const char* command : {"available", "list", "nvl"}) {
    auto r = run_smistat({command, "--no-such-option"}, clean());
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_EQ(count_lines(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find("no-such-option"), std::string::npos) << r.err;
  }
  EXPECT_EQ(run_smistat({"list", "--color", "sometimes"}, clean()).exit_code, 2);
  EXPECT_EQ(run_smistat({"available", "-l", "-1"}, clean()).exit_code, 2);
}

TEST(cli_e2e, each_subcommand_has_its_help) {
  for (const char* command : {"available", "list"}) {
    auto r = run_smistat({command, "--help"}, clean());
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find(std::string("usage: smistat ") + command), std::string::npos) << r.out;
  }
}

TEST(list_e2e, prints_the_table_without_colour_on_a_pipe) {
  auto r = run_smistat(replay(eight_gpus, {"list"}), clean());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 10u) << r.out;  // header, rule, 8 GPUs
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.rfind("    status    type", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(" 7  [ ]       NVIDIA H100 80GB HBM3"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("mem. used"), std::string::npos);
  auto mem = run_smistat(replay(eight_gpus, {"nvl", "--mem"}), clean());
  EXPECT_NE(mem.out.find("mem. used"), std::string::npos) << mem.out;
  EXPECT_NE(mem.out.find("20.78GB"), std::string::npos) << mem.out;  // 19818 MiB
}

/** A /proc entry for `pid`: root's `python3 train.py` in the cgroup `cgroup`. */
void write_process(const temp_dir& proc, int pid, const std::string& cgroup) {
  const auto p = std::to_string(pid);
  std::filesystem::create_directories(proc.path() / p);
  proc.write(p + "/stat", p + " (python3) S 1 " + p + " " + p +
                              " 0 -1 4194560 0 0 0 0 10 10 0 0 20 0 1 0 100 1000 100 "
                              "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
  proc.write(p + "/status",
             "Name:\tpython3\nPid:\t" + p + "\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
  proc.write(p + "/statm", "1000 100 10 1 0 100 0\n");
  proc.write(p + "/cmdline", std::string("python3\0train.py\0", 17));
  proc.write(p + "/cgroup", "0::" + cgroup + "\n");
}

TEST(list_e2e, owners_from_the_cgroups_get_a_job_and_a_pod_column) {
  // GPU 0's process (pid 11327 in the recording) in Slurm job 4242, GPU 1's (11328) in a pod;
  // GPU 2's (11345) has no entry at all.
  temp_dir proc;
  write_process(proc, 11327, "/system.slice/slurmstepd.scope/job_4242/step_0/user/task_0");
  write_process(proc, 11328,
                "/kubepods.slice/kubepods-burstable.slice/"
                "kubepods-burstable-pod7a1b2c3d_4e5f_6789_abcd_ef0123456789.slice/"
                "cri-containerd-" +
                    std::string(64, 'a') + ".scope");
  auto r =
      run_smistat(replay(eight_gpus, {"list", "--path.procfs", proc.path().string()}), clean());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  users    job    pod uid  "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  root     4242                                          "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  root            7a1b2c3d-4e5f-6789-abcd-ef0123456789  "),
            std::string::npos)
      << r.out;
  // nvgpu's own columns and the agent JSON stay as they are without owners...
  auto plain = run_smistat(replay(eight_gpus, {"list"}), clean());
  EXPECT_EQ(plain.out.find(" job "), std::string::npos) << plain.out;
  EXPECT_EQ(plain.out.find("pod uid"), std::string::npos) << plain.out;
  // ... and the JSON never names them.
  auto j = run_smistat(
      replay(eight_gpus, {"list", "--json", "--path.procfs", proc.path().string()}), clean());
  EXPECT_EQ(j.out.find("4242"), std::string::npos) << j.out;
  EXPECT_EQ(j.out.find("7a1b2c3d"), std::string::npos) << j.out;
}

TEST(list_e2e, colour_only_when_asked_or_on_a_terminal) {
  EXPECT_NE(run_smistat(replay(eight_gpus, {"list", "--color", "always"}), clean())
                .out.find("\x1b[32m[ ]\x1b[0m"),
            std::string::npos);
  EXPECT_EQ(run_smistat(replay(eight_gpus, {"list", "--color", "never"}), clean()).out.find('\x1b'),
            std::string::npos);
}

TEST(list_e2e, a_lost_gpu_is_listed_in_its_place) {
  auto r =
      run_smistat(replay(eight_gpus, {"list"}), clean({{"NVIDIA_SMI_REPLAY_FAULT", "lost:1"}}));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(" 1  [!]       NVIDIA H100 80GB HBM3  N/A"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("GPU is lost."), std::string::npos) << r.out;
  // The other GPUs' processes are still read (nvidia-smi exits 15 for the compute apps too).
  EXPECT_NE(r.out.find("11327"), std::string::npos) << r.out;
}

TEST(list_e2e, json_is_the_agent_body) {
  auto r = run_smistat(replay(eight_gpus, {"list", "--json"}), clean());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto v = json::parse(r.out);
  EXPECT_EQ(v.at("gpus").as_array().size(), 8u);
  EXPECT_EQ(r.out.back(), '\n');
  EXPECT_NE(r.out.find("{\"hostname\": \""), std::string::npos);
}

TEST(list_e2e, a_failing_nvidia_smi_is_one_line_and_exit_1) {
  auto r = run_smistat({"list", "--nvidia-smi", "/nonexistent/nvidia-smi"}, clean());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
}

TEST(nvgpu_routes_e2e, gpu_status_and_the_table_page_and_list_from_the_server) {
  // The replayed figures never change (and the recorded pids are not this machine's, so no
  // "since"), so every generation renders the same body. The process list takes 1.5 s, the GPU
  // query milliseconds: the very first answer still names the processes, as the original's did
  // (it ran both per request), instead of "?" until the list arrives.
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.5"},
      clean({{"NVIDIA_SMI_REPLAY_FAULT", "slow-apps:1500"}}));
  ASSERT_NE(server.port(), 0);
  const auto status = http_get(server.port(), "/gpu_status");
  EXPECT_EQ(status.status, 200u);
  EXPECT_EQ(status.body.find("\"pids\": \"?\""), std::string::npos) << status.body;
  EXPECT_EQ(status.headers.at("content-type"), "application/json");
  EXPECT_EQ(json::parse(status.body).at("gpus").as_array().size(), 8u);
  EXPECT_EQ(status.body.back(), '\n');
  EXPECT_NE(status.body.find("\"memory\": {\"total\": 85520809984, "), std::string::npos)
      << status.body;

  const auto page = http_get(server.port(), "/ui/table");
  EXPECT_EQ(page.status, 200u);
  EXPECT_EQ(page.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<pre class=\"ansi2html-content\">\nself ("), std::string::npos);
  EXPECT_NE(page.body.find("<span class=\"ansi32\">[ ]</span>"), std::string::npos);

  const std::string url = "http://127.0.0.1:" + std::to_string(server.port());
  const auto listed = run_smistat({"list", "--server", url, "--json"}, clean());
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out, status.body);
  const auto table = run_smistat({"list", "--server", url + "/"}, clean());
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(count_lines(table.out), 10u) << table.out;
}

TEST(nvgpu_routes_e2e, a_lost_gpu_leaves_the_other_gpus_processes_known) {
  smistat_process server(
      {"--replay", machine_dir(eight_gpus).string(), "--refresh-interval", "0.2"},
      clean({{"NVIDIA_SMI_REPLAY_FAULT", "lost:1"}}));
  ASSERT_NE(server.port(), 0);
  std::string body;
  for (int i = 0; i < 200; ++i) {
    body = http_get(server.port(), "/gpu_status").body;
    if (body.find("\"pids\": \"11327\"") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(body.find("\"pids\": \"11327\""), std::string::npos) << body;
  const auto gpus = json::parse(body).at("gpus").as_array();
  ASSERT_EQ(gpus.size(), 8u);
  EXPECT_EQ(gpus[1].at("memory"), json::value(nullptr));  // the lost one: nothing made up
  EXPECT_EQ(gpus[1].at("is_available"), json::value(false));
  EXPECT_EQ(gpus[7].at("is_available"), json::value(true));
}

TEST(nvgpu_routes_e2e, without_nvidia_smi_gpu_status_is_flask_restfuls_500) {
  smistat_process server({"--nvidia-smi", "/nonexistent/nvidia-smi", "--refresh-interval", "0.2"},
                         clean());
  ASSERT_NE(server.port(), 0);
  const auto status = http_get(server.port(), "/gpu_status");
  EXPECT_EQ(status.status, 500u);
  EXPECT_EQ(status.body, "{\"message\": \"Internal Server Error\"}\n");
  // The master page shows every agent, an agent that fails as its host and error text.
  const auto page = http_get(server.port(), "/ui/table");
  EXPECT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("self\nnvidia_smi_missing"), std::string::npos) << page.body;
}

TEST(list_e2e, an_unreachable_server_is_one_line_and_exit_1) {
  auto r = run_smistat({"list", "--server", "http://127.0.0.1:1", "--timeout", "2"}, clean());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(count_lines(r.err), 1u) << r.err;
  EXPECT_EQ(run_smistat({"list", "--server", "ftp://x"}, clean()).exit_code, 1);
}

}  // namespace
}  // namespace smistat::test

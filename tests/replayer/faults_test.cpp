// NVIDIA_SMI_REPLAY_FAULT: every fault, provoked through the real binary.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <set>

#include "parsers/csv_dialect.hpp"
#include "tests/replayer/replayer_process.hpp"

namespace smistat::test {
namespace {

constexpr const char* eight_gpus = "synthetic-8x-h100__590.48.01";
const std::vector<std::string> index_query{"--query-gpu=index,name", "--format=csv"};

env_vars with_fault(const std::string& fault, const char* machine = eight_gpus) {
  return {{"NVIDIA_SMI_REPLAY_DIR", machine_dir(machine).string()},
          {"NVIDIA_SMI_REPLAY_FAULT", fault}};
}

std::string normal_answer() {
  return run_replayer(index_query, {{"NVIDIA_SMI_REPLAY_DIR", machine_dir(eight_gpus).string()}})
      .out;
}

TEST(replayer_faults, hang_prints_nothing_and_dies_on_sigterm) {
  replayer_process p(index_query, with_fault("hang"));
  ASSERT_TRUE(eventually([&] { return is_asleep_in_replayer(p.pid()); }));
  EXPECT_FALSE(p.stdout_closed_now());
  p.signal_group(SIGTERM);
  ASSERT_TRUE(p.wait());
  EXPECT_EQ(p.term_signal(), SIGTERM);
  ASSERT_TRUE(p.read_to_eof());
  EXPECT_EQ(p.out(), "");
}

TEST(replayer_faults, hang_ignore_term_needs_sigkill) {
  replayer_process p(index_query, with_fault("hang-ignore-term"));
  constexpr unsigned long sigterm_bit = 1ul << (SIGTERM - 1);
  ASSERT_TRUE(eventually([&] {
    const auto ignored = proc_status(p.pid(), "SigIgn");
    return !ignored.empty() && (std::stoul(ignored, nullptr, 16) & sigterm_bit);
  }));
  // An ignored signal is discarded when sent, so the process cannot die from it later.
  p.signal_group(SIGTERM);
  EXPECT_EQ(::waitpid(p.pid(), nullptr, WNOHANG), 0);
  p.signal_group(SIGKILL);
  ASSERT_TRUE(p.wait());
  EXPECT_EQ(p.term_signal(), SIGKILL);
}

TEST(replayer_faults, hang_grandchild_keeps_the_pipe_open_after_the_parent_exits) {
  replayer_process p(index_query, with_fault("hang-grandchild"));
  ASSERT_TRUE(p.wait());
  EXPECT_EQ(p.exit_code(), 0);
  // The grandchild was forked before the parent exited, so it holds stdout right now.
  EXPECT_FALSE(p.stdout_closed_now());
  p.signal_group(SIGKILL);
  ASSERT_TRUE(p.read_to_eof());
  EXPECT_EQ(p.out(), "");
}

TEST(replayer_faults, slow_answers_normally_after_its_sleep) {
  const auto r = run_replayer(index_query, with_fault("slow:50"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, normal_answer());
}

TEST(replayer_faults, slow_is_silent_while_it_sleeps) {
  replayer_process p(index_query, with_fault("slow:600000"));
  ASSERT_TRUE(eventually([&] { return is_asleep_in_replayer(p.pid()); }));
  EXPECT_FALSE(p.stdout_closed_now());
  EXPECT_EQ(p.out(), "");
}

TEST(replayer_faults, exit_prints_the_recorded_failure_text) {
  struct row {
    std::string fault;
    std::string expected;
    int code;
  };
  const row rows[] = {
      {"exit:9",
       "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure "
       "that the latest NVIDIA driver is installed and running.\n\n",
       9},
      {"exit:12",
       "NVIDIA-SMI couldn't find libnvidia-ml.so library in your system. Please make sure that "
       "the NVIDIA Display Driver is properly installed and present in your system.\nPlease also "
       "try adding directory that contains libnvidia-ml.so to your system PATH.\n",
       12},
      {"exit:6", "No devices were found\n", 6},
      {"exit:15",
       "Unable to determine the device handle for GPU 0000:03:00.0: GPU is lost.  Reboot the "
       "system to recover this GPU\n",
       15},
      {"exit:3:Failed to initialize NVML: Unknown Error",
       "Failed to initialize NVML: Unknown Error\n", 3},
      {"exit:4", "", 4},
  };
  for (const auto& r : rows)
    for (const auto& args :
         std::vector<std::vector<std::string>>{index_query, {"--version"}, {"-L"}}) {
      const auto got = run_replayer(args, with_fault(r.fault));
      EXPECT_EQ(got.out, r.expected) << r.fault << " " << args.front();
      EXPECT_EQ(got.exit_code, r.code) << r.fault << " " << args.front();
    }
}

TEST(replayer_faults, other_faults_leave_other_commands_alone) {
  const auto got = run_replayer({"-L"}, with_fault("hang"));
  EXPECT_EQ(got.exit_code, 0);
  EXPECT_EQ(std::count(got.out.begin(), got.out.end(), '\n'), 8);
}

TEST(replayer_faults, lost_gpu_replaces_its_row) {
  const auto r = run_replayer({"--query-gpu=index", "--format=csv,noheader"}, with_fault("lost:1"));
  EXPECT_EQ(r.out,
            "0\n"
            "Unable to determine the device handle for GPU 0000:2A:00.0: GPU is lost.  Reboot the "
            "system to recover this GPU\n"
            "2\n3\n4\n5\n6\n7\n");
  EXPECT_EQ(r.exit_code, 15);
}

TEST(replayer_faults, lost_repeats_for_several_gpus) {
  const auto r = run_replayer({"--query-gpu=index", "--format=csv,noheader", "-i", "0,1,2"},
                              with_fault("lost:0;lost:2"));
  EXPECT_EQ(r.out,
            "Unable to determine the device handle for GPU 0000:18:00.0: GPU is lost.  Reboot the "
            "system to recover this GPU\n"
            "1\n"
            "Unable to determine the device handle for GPU 0000:3A:00.0: GPU is lost.  Reboot the "
            "system to recover this GPU\n");
  EXPECT_EQ(r.exit_code, 15);
}

TEST(replayer_faults, lost_gpu_hides_its_processes) {
  const auto r =
      run_replayer({"--query-compute-apps=pid", "--format=csv,noheader"}, with_fault("lost:0"));
  EXPECT_EQ(r.out,
            "Unable to determine the device handle for GPU 0000:18:00.0: GPU is lost.  Reboot the "
            "system to recover this GPU\n"
            "11328\n11345\n");
  EXPECT_EQ(r.exit_code, 15);
}

TEST(replayer_faults, faults_combine) {
  const auto r = run_replayer({"--query-gpu=index", "--format=csv,noheader", "-i", "1,2"},
                              with_fault("slow:20;lost:2"));
  EXPECT_EQ(r.out,
            "1\nUnable to determine the device handle for GPU 0000:3A:00.0: GPU is lost.  Reboot "
            "the system to recover this GPU\n");
  EXPECT_EQ(r.exit_code, 15);
}

TEST(replayer_faults, reject_refuses_a_field_the_help_lists) {
  struct row {
    std::string query;
    std::string expected;
    int code;
  };
  const row rows[] = {
      {"--query-gpu=index,power.draw", "Field \"power.draw\" is not a valid field to query.\n", 2},
      {"--query-gpu=index,clocks.gr", "Field \"clocks.gr\" is not a valid field to query.\n", 2},
      {"--query-gpu=index", "0\n", 0},
  };
  for (const auto& r : rows) {
    const auto got = run_replayer({r.query, "--format=csv,noheader", "-i", "0"},
                                  with_fault("reject:power.draw;reject:clocks.current.graphics"));
    EXPECT_EQ(got.out, r.expected) << r.query;
    EXPECT_EQ(got.exit_code, r.code) << r.query;
  }
}

TEST(replayer_faults, garbage_is_not_csv) {
  const auto r = run_replayer(index_query, with_fault("garbage"));
  EXPECT_EQ(r.exit_code, 0);
  const auto lines = parsers::split_lines(r.out);
  ASSERT_GE(lines.size(), 3u);
  std::set<std::size_t> widths;
  for (const auto line : lines) {
    EXPECT_EQ(line.find(','), std::string_view::npos) << line;
    widths.insert(line.size());
  }
  EXPECT_GE(widths.size(), 3u);
}

TEST(replayer_faults, truncate_cuts_a_row_in_half) {
  const auto r = run_replayer(index_query, with_fault("truncate"));
  const auto normal = normal_answer();
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_FALSE(r.out.empty());
  EXPECT_NE(r.out.back(), '\n');
  EXPECT_LT(r.out.size(), normal.size());
  EXPECT_TRUE(normal.starts_with(r.out));
  EXPECT_GT(r.out.size(), normal.find('\n') + 1) << "the cut should fall inside a data row";
}

TEST(replayer_faults, truncate_under_noheader_cuts_rows_only) {
  const std::vector<std::string> bare{"--query-gpu=index,name", "--format=csv,noheader"};
  const auto normal =
      run_replayer(bare, {{"NVIDIA_SMI_REPLAY_DIR", machine_dir(eight_gpus).string()}}).out;
  ASSERT_TRUE(normal.starts_with("0, NVIDIA H100")) << normal;
  for (const char* fault : {"truncate", "truncate;slow:10"}) {
    const auto r = run_replayer(bare, with_fault(fault));
    EXPECT_EQ(r.exit_code, 0) << fault;
    EXPECT_EQ(r.out.find("index"), std::string::npos) << fault << ": header printed\n" << r.out;
    EXPECT_TRUE(normal.starts_with(r.out)) << fault;
    EXPECT_LT(r.out.size(), normal.size()) << fault;
    EXPECT_NE(r.out.back(), '\n') << fault;
  }
  // Seven whole rows, then half of the eighth.
  const auto r = run_replayer(bare, with_fault("truncate"));
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 7) << r.out;
}

TEST(replayer_faults, huge_prints_exactly_that_many_bytes) {
  const auto r = run_replayer(index_query, with_fault("huge:1000003"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.size(), 1000003u);
}

TEST(replayer_faults, malformed_fault_is_refused) {
  for (const std::string fault :
       {"explode", "slow:abc", "exit:", "lost:x", "huge:-1", "hang:3", "reject:", "slow-all:abc",
        "slow-q:-1", "slow-apps:", "slow-gpu", "loop-exit:0", "loop-crash:", "loop-hang",
        "loop-ragged:-1", "loop-truncate:x", "loop-lost:2", "loop-lost:0:1", "loop-lost:1:x"}) {
    const auto r = run_replayer(index_query, with_fault(fault));
    EXPECT_EQ(r.exit_code, 255) << fault;
    EXPECT_NE(r.err.find("NVIDIA_SMI_REPLAY_FAULT"), std::string::npos) << fault << r.err;
  }
}

}  // namespace
}  // namespace smistat::test

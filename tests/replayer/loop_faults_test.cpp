// The loop faults of `--query-gpu ... -lms N`: a loop child that exits, crashes, hangs, or
// prints a ragged, cut-off or lost-GPU batch. Batches are numbered from 1; a `-q` loop's
// documents count as batches.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "parsers/csv_dialect.hpp"
#include "tests/replayer/replayer_process.hpp"

namespace smistat::test {
namespace {

constexpr const char* eight_gpus = "synthetic-8x-h100__590.48.01";
const std::vector<std::string> query{"--query-gpu=index,name,pstate",
                                     "--format=csv,noheader,nounits"};

env_vars with_fault(const std::string& fault) {
  return {{"NVIDIA_SMI_REPLAY_DIR", machine_dir(eight_gpus).string()},
          {"NVIDIA_SMI_REPLAY_FAULT", fault}};
}

std::vector<std::string> looping(std::vector<std::string> args, const char* period_ms = "1") {
  args.insert(args.end(), {"-lms", period_ms});
  return args;
}

// One sample's rows as a single query prints them: `0, NVIDIA H100 80GB HBM3, P0\n` ... `7, ...`.
std::string one_batch(const std::vector<std::string>& args = query) {
  return run_replayer(args, {{"NVIDIA_SMI_REPLAY_DIR", machine_dir(eight_gpus).string()}}).out;
}

std::string times(const std::string& text, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += text;
  return out;
}

std::size_t last_row_start(const std::string& batch) {
  return batch.rfind('\n', batch.size() - 2) + 1;
}

TEST(replayer_loop_faults, loop_exit_exits_0_after_n_batches) {
  const auto batch = one_batch();
  const auto r = run_replayer(looping(query), with_fault("loop-exit:3"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, times(batch, 3));
}

TEST(replayer_loop_faults, loop_exit_keeps_the_header_once) {
  const std::vector<std::string> with_header{"--query-gpu=index,name", "--format=csv"};
  const auto first = one_batch(with_header);
  const auto rows = first.substr(first.find('\n') + 1);
  const auto r = run_replayer(looping(with_header), with_fault("loop-exit:2"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, first + rows);
}

TEST(replayer_loop_faults, loop_crash_dies_by_sigsegv_after_n_batches) {
  const auto batch = one_batch();
  const auto r = run_replayer(looping(query), with_fault("loop-crash:2"));
  EXPECT_EQ(r.term_signal, SIGSEGV);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_EQ(r.out, times(batch, 2));
}

TEST(replayer_loop_faults, loop_hang_prints_nothing_more_and_dies_on_sigterm) {
  const auto batch = one_batch();
  replayer_process p(looping(query), with_fault("loop-hang:2"));
  ASSERT_TRUE(p.read_until([&](std::string_view out) { return out.size() >= 2 * batch.size(); }));
  ASSERT_TRUE(eventually([&] { return is_asleep_in_replayer(p.pid()); }));
  // Room for a replayer that failed to stop to print its third batch (1 ms period).
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  p.read_available();
  EXPECT_EQ(p.out(), times(batch, 2));
  EXPECT_FALSE(p.stdout_closed_now());
  p.signal_group(SIGTERM);
  ASSERT_TRUE(p.wait());
  EXPECT_EQ(p.term_signal(), SIGTERM);
  ASSERT_TRUE(p.read_to_eof());
  EXPECT_EQ(p.out(), times(batch, 2));
}

TEST(replayer_loop_faults, loop_ragged_drops_the_last_cell_of_one_row) {
  const auto batch = one_batch();
  // The batch's last row loses `, P0`: `7, NVIDIA H100 80GB HBM3\n`.
  const auto cut = batch.rfind(", ");
  const auto ragged = batch.substr(0, cut) + "\n";
  ASSERT_EQ(parsers::split_cells(parsers::split_lines(ragged).back()).size(), 2u);
  const auto r = run_replayer(looping(query), with_fault("loop-ragged:2;loop-exit:3"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, batch + ragged + batch);
}

TEST(replayer_loop_faults, loop_ragged_skips_a_lost_gpu_line) {
  const auto r = run_replayer({"--query-gpu=index,pstate", "--format=csv,noheader"},
                              with_fault("loop-lost:1:7;loop-ragged:1"));
  EXPECT_EQ(r.out,
            "0, P0\n1, P0\n2, P0\n3, P0\n4, P0\n5, P0\n6\n"
            "Unable to determine the device handle for GPU 0000:DB:00.0: GPU is lost.  Reboot the "
            "system to recover this GPU\n");
  EXPECT_EQ(r.exit_code, 15) << "a single answer with a lost GPU exits 15";
}

TEST(replayer_loop_faults, loop_truncate_cuts_the_last_row_and_the_next_batch_starts_a_line) {
  const auto batch = one_batch();
  const auto r = run_replayer(looping(query), with_fault("loop-truncate:2;loop-exit:3"));
  EXPECT_EQ(r.exit_code, 0);
  ASSERT_TRUE(r.out.starts_with(batch));
  ASSERT_TRUE(r.out.ends_with("\n" + batch));
  const auto cut = r.out.substr(batch.size(), r.out.size() - 2 * batch.size() - 1);
  EXPECT_TRUE(batch.starts_with(cut)) << cut;
  EXPECT_GT(cut.size(), last_row_start(batch)) << "the cut falls inside the last row";
  EXPECT_LT(cut.size(), batch.size() - 1) << "the cut falls inside the last row";
}

TEST(replayer_loop_faults, loop_truncate_leaves_the_cut_row_open_until_the_next_batch) {
  const auto batch = one_batch();
  replayer_process p(looping(query, "600000"), with_fault("loop-truncate:1"));
  ASSERT_TRUE(
      p.read_until([&](std::string_view out) { return out.size() > last_row_start(batch); }));
  p.read_available();
  EXPECT_TRUE(batch.starts_with(p.out())) << p.out();
  EXPECT_NE(p.out().back(), '\n');
}

TEST(replayer_loop_faults, loop_lost_replaces_a_gpu_from_batch_n_on) {
  const auto batch = one_batch();
  const std::string row3 = "3, NVIDIA H100 80GB HBM3, P0\n";
  auto lost = batch;
  lost.replace(lost.find(row3), row3.size(),
               "Unable to determine the device handle for GPU 0000:5D:00.0: GPU is lost.  Reboot "
               "the system to recover this GPU\n");
  const auto r = run_replayer(looping(query), with_fault("loop-lost:2:3;loop-exit:3"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, batch + lost + lost);
}

TEST(replayer_loop_faults, each_batch_reaches_a_pipe_as_it_is_printed) {
  // A ten-minute period: the first batch can only arrive if it was written out at once.
  const auto batch = one_batch();
  replayer_process p(looping(query, "600000"), with_fault(""));
  ASSERT_TRUE(p.read_until([&](std::string_view out) { return out == batch; })) << p.out();
  EXPECT_FALSE(p.stdout_closed_now());
}

TEST(replayer_loop_faults, loop_faults_apply_to_compute_apps_loops_too) {
  const std::vector<std::string> apps{"--query-compute-apps=pid", "--format=csv,noheader"};
  const auto batch = one_batch(apps);
  const auto r = run_replayer(looping(apps), with_fault("loop-lost:2:0;loop-exit:2"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, batch +
                       "Unable to determine the device handle for GPU 0000:18:00.0: GPU is lost.  "
                       "Reboot the system to recover this GPU\n11328\n11345\n");
}

// Loop mode's `-q -lms N` child (and `-q -x` loops): each document is a batch.
TEST(replayer_loop_faults, loop_exit_and_crash_end_q_loops_after_n_documents) {
  for (const std::vector<std::string>& q :
       {std::vector<std::string>{"-q"}, std::vector<std::string>{"-q", "-x"}}) {
    SCOPED_TRACE(q.size() == 1 ? "-q" : "-q -x");
    const auto document = one_batch(q);
    ASSERT_FALSE(document.empty());
    const auto exited = run_replayer(looping(q), with_fault("loop-exit:2"));
    EXPECT_EQ(exited.exit_code, 0);
    EXPECT_TRUE(exited.out == times(document, 2));
    const auto crashed = run_replayer(looping(q), with_fault("loop-crash:1"));
    EXPECT_EQ(crashed.term_signal, SIGSEGV);
    EXPECT_TRUE(crashed.out == document);
  }
}

TEST(replayer_loop_faults, loop_hang_stops_a_q_loop_after_n_documents) {
  const std::vector<std::string> q{"-q"};
  const auto document = one_batch(q);
  replayer_process p(looping(q), with_fault("loop-hang:1"));
  ASSERT_TRUE(p.read_until([&](std::string_view out) { return out.size() >= document.size(); }));
  ASSERT_TRUE(eventually([&] { return is_asleep_in_replayer(p.pid()); }));
  // Room for a replayer that failed to stop to print its second document (1 ms period).
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  p.read_available();
  EXPECT_TRUE(p.out() == document);
  EXPECT_FALSE(p.stdout_closed_now());
  p.signal_group(SIGTERM);
  ASSERT_TRUE(p.wait());
  EXPECT_EQ(p.term_signal(), SIGTERM);
}

}  // namespace
}  // namespace smistat::test

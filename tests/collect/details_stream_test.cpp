// Loop mode's streamed `nvidia-smi -q`, played through a fake launcher: a document is read once
// it is whole, each once, and a child that ends, sticks or prints without end is replaced.
#include "src/collect/details_stream.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "tests/collect/fake_stream_launcher.hpp"

namespace smistat::collect {
namespace {

using namespace std::chrono_literals;
using clock = details_stream::clock;

/** One `-q` document of two GPUs, as each period of `nvidia-smi -q -lms N` prints it. */
std::string document(const std::string& tx) {
  std::string d =
      "\n==============NVSMI LOG==============\n\n"
      "Driver Version                            : 590.48.01\n\n"
      "Attached GPUs                             : 2\n";
  for (const char* bus : {"00000000:18:00.0", "00000000:2A:00.0"}) {
    d += std::string("GPU ") + bus + "\n";
    d += "    Minor Number                          : 0\n";
    d += "    PCI\n        Tx Throughput                     : " + tx + "\n";
    d += "        Rx Throughput                     : 5 KB/s\n\n";
  }
  return d;
}

collector_options stream_options() {
  collector_options o;
  o.program = "nvidia-smi";
  o.mode = collect_mode::loop;
  o.refresh_interval = seconds(0.1);
  o.details_interval = seconds(0.5);
  o.run_timeout = 2s;  // stuck after 2.5 s of silence
  o.loop_restart_delay = 1ms;
  o.loop_backoff_delay = 1ms;
  o.loop_backoff_max_delay = 4ms;
  return o;
}

struct stream_fixture {
  stream_fixture() {
    stream = std::make_shared<details_stream>(
        ctx.get_executor(), launcher, options,
        [this](const collection_error& why) { exits.push_back(why); });
    stream->start();
    started = clock::now();
    settle();
  }
  ~stream_fixture() {
    stream->stop();
    settle();
  }
  void settle() {
    ctx.restart();
    ctx.run_for(20ms);
  }
  /** The throughput of GPU 0 in what a look at `now` found; nullopt when it found nothing. */
  std::optional<double> tx_at(clock::time_point now) {
    const auto latest = stream->latest(now);
    if (!latest) return std::nullopt;
    EXPECT_FALSE(latest->error);
    if (!latest->details || latest->details->empty()) return -1.0;
    return latest->details->front().tx_throughput_kb_per_sec.value_or(-2.0);
  }

  boost::asio::io_context ctx;
  collector_options options = stream_options();
  test::fake_stream_launcher launcher{ctx.get_executor()};
  std::vector<collection_error> exits;
  std::shared_ptr<details_stream> stream;
  clock::time_point started;  ///< after the child started: a look due later counts from here
};

TEST(details_stream, the_child_repeats_the_full_query_every_details_interval) {
  stream_fixture f;
  ASSERT_EQ(f.launcher.requests().size(), 1u);
  const std::vector<std::string> args{"-q", "-lms", "500"};
  EXPECT_EQ(f.launcher.requests().front().args, args);
  EXPECT_TRUE(f.launcher.requests().front().read_when_asked) << "documents wait for a look";
}

TEST(details_stream, a_document_is_read_once_the_child_is_quiet_and_only_once) {
  stream_fixture f;
  EXPECT_EQ(f.tx_at(clock::now()), std::nullopt) << "a young child printed nothing";
  f.launcher.print(document("1000 KB/s"));
  EXPECT_EQ(f.tx_at(clock::now()), std::nullopt) << "still printing, maybe";
  EXPECT_EQ(f.tx_at(clock::now()), 1000.0) << "quiet since the last look: whole";
  EXPECT_EQ(f.tx_at(clock::now()), std::nullopt) << "nothing new";
}

TEST(details_stream, each_period_replaces_the_last) {
  stream_fixture f;
  f.launcher.print(document("1 KB/s"));
  f.tx_at(clock::now());
  ASSERT_EQ(f.tx_at(clock::now()), 1.0);
  f.launcher.print(document("2 KB/s"));
  f.tx_at(clock::now());
  EXPECT_EQ(f.tx_at(clock::now()), 2.0);
  // Two periods between looks: the newer one counts.
  f.launcher.print(document("3 KB/s") + document("4 KB/s"));
  f.tx_at(clock::now());
  EXPECT_EQ(f.tx_at(clock::now()), 4.0);
}

TEST(details_stream, the_last_whole_document_of_an_ended_child_is_read) {
  stream_fixture f;
  f.launcher.print(document("7 KB/s"));
  f.launcher.exit(0);
  f.settle();
  EXPECT_EQ(f.tx_at(clock::now()), 7.0);
}

TEST(details_stream, a_child_that_ends_is_reported_and_replaced) {
  stream_fixture f;
  f.launcher.exit(9,
                  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA "
                  "driver.\n");
  f.settle();
  ASSERT_EQ(f.exits.size(), 1u);
  EXPECT_EQ(f.exits.front().kind, collection_failure::driver_not_loaded);
  EXPECT_EQ(f.launcher.requests().size(), 2u);
  EXPECT_TRUE(f.launcher.running());
  f.launcher.print(document("3 KB/s"));
  f.tx_at(clock::now());
  EXPECT_EQ(f.tx_at(clock::now()), 3.0) << "the new child's documents are read";
}

TEST(details_stream, a_child_silent_past_its_interval_and_the_allowance_is_replaced_once) {
  stream_fixture f;
  EXPECT_EQ(f.tx_at(f.started + 2400ms), std::nullopt) << "an interval and 1.9 s: still fine";
  EXPECT_EQ(f.launcher.stops(), 0);
  const auto stuck = f.stream->latest(f.started + 2600ms);
  ASSERT_TRUE(stuck && stuck->error);
  EXPECT_EQ(stuck->error->kind, collection_failure::timed_out);
  EXPECT_FALSE(stuck->details) << "the details served stay";
  EXPECT_EQ(f.launcher.stops(), 1);
  f.settle();
  EXPECT_TRUE(f.exits.empty()) << "the look was the report; the kill is no news";
  EXPECT_EQ(f.launcher.requests().size(), 2u) << "a new child";
}

TEST(details_stream, a_child_printing_one_endless_document_is_replaced) {
  stream_fixture f;
  f.launcher.print(document("1 KB/s"));
  f.launcher.print(std::string(runner::run_request{}.max_output_bytes, 'x') + "\n");
  const auto latest = f.stream->latest(clock::now());
  ASSERT_TRUE(latest && latest->error);
  EXPECT_EQ(latest->error->kind, collection_failure::output_too_large);
  EXPECT_EQ(f.launcher.stops(), 1);
  f.settle();
  EXPECT_EQ(f.launcher.requests().size(), 2u);
}

TEST(details_stream, nothing_is_reported_after_stop) {
  stream_fixture f;
  f.stream->stop();
  f.launcher.exit(1);
  f.settle();
  EXPECT_TRUE(f.exits.empty());
  EXPECT_EQ(f.launcher.requests().size(), 1u) << "no restart";
}

}  // namespace
}  // namespace smistat::collect

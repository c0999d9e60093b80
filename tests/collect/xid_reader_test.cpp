// The kernel log reader against real descriptors (a FIFO, a regular file, a missing path) and,
// for journald, against a fake launcher playing journalctl.
#include "src/collect/xid_reader.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "tests/collect/fake_stream_launcher.hpp"

namespace smistat::collect {
namespace {

namespace fs = std::filesystem;

struct temp_dir {
  fs::path path;
  temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "smistat-xid-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~temp_dir() { fs::remove_all(path); }
};

struct reader_rig {
  boost::asio::io_context io;
  test::fake_stream_launcher launcher{io.get_executor()};
  std::shared_ptr<xid_log> log;
  std::shared_ptr<xid_reader> reader;

  explicit reader_rig(xid_reader_options options)
      : log(std::make_shared<xid_log>(options.source)),
        reader(std::make_shared<xid_reader>(io.get_executor(), launcher, options, log)) {
    reader->start();
  }
  ~reader_rig() {
    reader->stop();
    io.restart();
    io.run_for(std::chrono::milliseconds(50));
  }
  /** Runs the reader until `done` holds; false if it never does (a safety net, not a timing
   *  assertion: the tests assert on what was read). */
  bool run_until(const std::function<bool(const xid_report&)>& done) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done(*log->current())) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      io.restart();
      io.run_for(std::chrono::milliseconds(5));
    }
    return true;
  }
};

xid_reader_options source(std::string path) {
  xid_reader_options o;
  o.source = std::move(path);
  return o;
}

bool reading(const xid_report& r) { return r.state == xid_source_state::reading; }

std::string xid_79(int pid) {
  return "NVRM: Xid (PCI:0000:3b:00): 79, pid=" + std::to_string(pid) +
         ", name=python3, GPU has fallen off the bus.\n";
}

void write_all(int fd, const std::string& text, std::size_t piece) {
  for (std::size_t at = 0; at < text.size();) {
    const auto n = ::write(fd, text.data() + at, std::min(piece, text.size() - at));
    ASSERT_GT(n, 0);
    at += static_cast<std::size_t>(n);
  }
}

TEST(XidReader, ReadsABurstOfTenThousandLinesFromAFifo) {
  temp_dir dir;
  const auto fifo = (dir.path / "kmsg").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  reader_rig rig(source(fifo));
  ASSERT_TRUE(rig.run_until(reading));
  // 10,000 lines, one in ten an XID, written in pieces that cut lines anywhere.
  std::string burst;
  for (int i = 0; i < 10'000; ++i)
    burst += i % 10 == 0 ? xid_79(i)
                         : "6,1,2,-;usb 1-1: new high-speed USB device " + std::to_string(i) + "\n";
  std::thread writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    write_all(fd, burst, 997);
    ::close(fd);
  });
  const bool all = rig.run_until([](const xid_report& r) { return r.events_total >= 1000; });
  writer.join();
  ASSERT_TRUE(all) << rig.log->current()->events_total;
  auto r = rig.log->current();
  EXPECT_EQ(r->events_total, 1000u);
  EXPECT_EQ(r->counts.at({"00000000:3B:00.0", 79}), 1000u);
  EXPECT_EQ(r->recent.back().line.pid, 9990);
  // The writer left; the FIFO is still read for the next one.
  EXPECT_EQ(r->state, xid_source_state::reading);
  const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  write_all(fd, xid_79(1), 4096);
  ::close(fd);
  ASSERT_TRUE(rig.run_until([](const xid_report& x) { return x.events_total == 1001; }));
}

TEST(XidReader, FollowsARegularFileFromItsEnd) {
  temp_dir dir;
  const auto file = dir.path / "kern.log";
  std::ofstream(file) << xid_79(1);  // logged before start: not counted
  auto options = source(file.string());
  options.file_poll = std::chrono::milliseconds(5);
  reader_rig rig(options);
  ASSERT_TRUE(rig.run_until(reading));
  const std::string line = xid_79(2);
  {
    std::ofstream out(file, std::ios::app);
    out << line.substr(0, 20) << std::flush;
  }
  // A partial line is held, not read as a report, until its end arrives.
  rig.io.restart();
  rig.io.run_for(std::chrono::milliseconds(50));
  EXPECT_EQ(rig.log->current()->events_total, 0u);
  std::ofstream(file, std::ios::app) << line.substr(20);
  ASSERT_TRUE(rig.run_until([](const xid_report& r) { return r.events_total == 1; }));
  EXPECT_EQ(rig.log->current()->last.at("00000000:3B:00.0").line.pid, 2);
}

TEST(XidReader, AMissingSourceIsNotedAndNothingElseHappens) {
  reader_rig rig(source("/nonexistent/kmsg"));
  ASSERT_TRUE(
      rig.run_until([](const xid_report& r) { return r.state == xid_source_state::unavailable; }));
  EXPECT_EQ(rig.log->current()->error, "/nonexistent/kmsg: No such file or directory");
}

TEST(XidReader, NoneReadsNothing) {
  reader_rig rig(source("none"));
  rig.io.restart();
  rig.io.run_for(std::chrono::milliseconds(20));
  EXPECT_EQ(rig.log->current()->state, xid_source_state::off);
  EXPECT_TRUE(rig.launcher.requests().empty());
}

TEST(XidReader, RunsJournalctlAndSaysWhyItEnded) {
  auto options = source("journald");
  options.journal_restart = std::chrono::hours(1);
  reader_rig rig(options);
  ASSERT_TRUE(rig.run_until(reading));
  ASSERT_EQ(rig.launcher.requests().size(), 1u);
  EXPECT_EQ(rig.launcher.requests()[0].program, "journalctl");
  EXPECT_EQ(rig.launcher.requests()[0].args,
            (std::vector<std::string>{"-k", "-f", "-n", "0", "-o", "cat"}));
  const auto line = xid_79(7);
  rig.launcher.print(line.substr(0, 30));
  rig.launcher.print(line.substr(30));
  ASSERT_TRUE(rig.run_until([](const xid_report& r) { return r.events_total == 1; }));
  rig.launcher.exit(1, "No journal files were found.\n");
  ASSERT_TRUE(
      rig.run_until([](const xid_report& r) { return r.state == xid_source_state::ended; }));
  EXPECT_EQ(rig.log->current()->error,
            "journalctl ended with exit code 1: No journal files were found.");
  EXPECT_EQ(rig.launcher.requests().size(), 1u);
}

TEST(XidReader, RestartsJournalctlAfterItEnds) {
  auto options = source("journald");
  options.journal_restart = std::chrono::milliseconds(0);
  reader_rig rig(options);
  ASSERT_TRUE(rig.run_until(reading));
  rig.launcher.exit(0);
  ASSERT_TRUE(
      rig.run_until([&](const xid_report&) { return rig.launcher.requests().size() == 2; }));
  ASSERT_TRUE(rig.run_until(reading));
  rig.launcher.print(xid_79(8));
  ASSERT_TRUE(rig.run_until([](const xid_report& r) { return r.events_total == 1; }));
}

}  // namespace
}  // namespace smistat::collect

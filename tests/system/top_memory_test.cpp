// The host part's top processes by memory: a full pass over every process every
// `full_pass_every`, and between passes fresh sizes for the candidates and for processes that
// started since, with names read again only for a new process under a shown pid.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "src/system/host_facts.hpp"
#include "src/system/resident_sizes.hpp"
#include "src/system/top_memory_tracker.hpp"
#include "tests/system/host_tree.hpp"

namespace smistat::system {
namespace {

using namespace std::chrono_literals;
const auto t0 = std::chrono::steady_clock::time_point(1000s);

/** A /proc of our own below a scratch copy of a recorded host (for its passwd). */
class fake_procfs {
 public:
  fake_procfs() : root_(test::host_tree("synthetic-workstation")) {}

  /** Process `pid` named `comm`, started at `start` ticks, resident `pages`, owned by uid 0. */
  void process(int pid, const std::string& comm, std::uint64_t pages, int start = 100) {
    set_pages(pid, pages);
    std::string stat = std::to_string(pid) + " (" + comm + ") S";
    for (int field = 4; field <= 30; ++field) stat += " " + std::to_string(field == 22 ? start : 1);
    root_.write(dir(pid) / "stat", stat + "\n");
    root_.write(dir(pid) / "cmdline", std::string("/usr/bin/") + comm + '\0');
    root_.write(dir(pid) / "status", "Name:\t" + comm + "\nUid:\t0\t0\t0\t0\n");
  }
  void set_pages(int pid, std::uint64_t pages) {
    root_.write(dir(pid) / "statm", "9000 " + std::to_string(pages) + " 10 1 0 50 0\n");
  }
  void end(int pid) { std::filesystem::remove_all(procfs() / std::to_string(pid)); }

  std::filesystem::path procfs() const { return root_.path() / "fakeproc"; }
  const std::filesystem::path& root() const { return root_.path(); }

 private:
  static std::filesystem::path dir(int pid) {
    return std::filesystem::path("fakeproc") / std::to_string(pid);
  }
  test::scratch_root root_;
};

struct shown {
  std::int64_t pid;
  std::uint64_t pages;
  std::string name;
  bool operator==(const shown&) const = default;
  friend void PrintTo(const shown& s, std::ostream* os) {
    *os << s.pid << " " << s.name << " " << s.pages << " pages";
  }
};

std::vector<shown> top(top_memory_tracker& tracker, const fake_procfs& proc,
                       std::chrono::steady_clock::time_point at) {
  const host_facts facts{"x86_64", "2.36", 4096, 100};
  const user_names users(proc.root());
  std::vector<shown> out;
  for (const auto& p : tracker.sample(proc.procfs(), facts, users, at)) {
    EXPECT_EQ(p.username, "root");
    out.push_back({p.pid, p.rss_bytes / 4096, p.name});
  }
  return out;
}

TEST(TopMemory, FullPassShowsTheLargestWithTheirNames) {
  fake_procfs proc;
  for (int pid = 101; pid <= 108; ++pid)
    proc.process(pid, "p" + std::to_string(pid), pid % 5 * 10 + pid);
  top_memory_tracker tracker(3, 10s);
  EXPECT_EQ(top(tracker, proc, t0),
            (std::vector<shown>{{104, 144, "p104"}, {108, 138, "p108"}, {103, 133, "p103"}}));
}

TEST(TopMemory, ShownSizesAreFreshBetweenFullPasses) {
  fake_procfs proc;
  for (int pid = 101; pid <= 104; ++pid) proc.process(pid, "w", 200 - pid);
  top_memory_tracker tracker(2, 10s);
  ASSERT_EQ(top(tracker, proc, t0).front().pid, 101);
  proc.set_pages(102, 500);
  proc.end(101);
  EXPECT_EQ(top(tracker, proc, t0 + 1s), (std::vector<shown>{{102, 500, "w"}, {103, 97, "w"}}));
}

TEST(TopMemory, AProcessStartedSinceTheLastPassShowsAtOnce) {
  fake_procfs proc;
  for (int pid = 101; pid <= 110; ++pid) proc.process(pid, "old", 10);
  top_memory_tracker tracker(1, 10s);
  top(tracker, proc, t0);
  proc.process(4242, "trainer", 1'000'000);
  EXPECT_EQ(top(tracker, proc, t0 + 1s), (std::vector<shown>{{4242, 1'000'000, "trainer"}}));
}

TEST(TopMemory, AnOldSmallProcessThatGrowsShowsAtTheNextFullPass) {
  fake_procfs proc;
  // One shown, four candidates: 101..104. 110 is known and small.
  for (int pid = 101; pid <= 110; ++pid) proc.process(pid, "p" + std::to_string(pid), 200 - pid);
  top_memory_tracker tracker(1, 10s);
  top(tracker, proc, t0);
  proc.set_pages(110, 5000);
  EXPECT_EQ(top(tracker, proc, t0 + 5s).front().pid, 101);  // not read between passes
  EXPECT_EQ(top(tracker, proc, t0 + 10s).front(), (shown{110, 5000, "p110"}));
}

TEST(TopMemory, RareReadingsPassWholeOnlyEveryFewReadings) {
  // A host nobody looks at is read every 10 s: each reading would otherwise be a full pass.
  fake_procfs proc;
  for (int pid = 101; pid <= 110; ++pid) proc.process(pid, "p" + std::to_string(pid), 200 - pid);
  top_memory_tracker tracker(1, 10s, 3);
  top(tracker, proc, t0);
  proc.set_pages(110, 5000);
  EXPECT_EQ(top(tracker, proc, t0 + 10s).front().pid, 101);
  EXPECT_EQ(top(tracker, proc, t0 + 20s).front().pid, 101);
  EXPECT_EQ(top(tracker, proc, t0 + 30s).front(), (shown{110, 5000, "p110"}));  // the third
}

TEST(TopMemory, ProcessesWithoutPagesOnlyFillTheShownPlaces) {
  // Kernel threads have no resident pages and none to grow into: they are shown when there is
  // nothing larger, but not read again between passes to see whether they grew.
  fake_procfs proc;
  proc.process(101, "user", 50);
  for (int pid = 102; pid <= 110; ++pid) proc.process(pid, "kthread", 0);
  top_memory_tracker tracker(2, 10s);
  EXPECT_EQ(top(tracker, proc, t0), (std::vector<shown>{{101, 50, "user"}, {102, 0, "kthread"}}));
  proc.set_pages(103, 500);
  EXPECT_EQ(top(tracker, proc, t0 + 1s),
            (std::vector<shown>{{101, 50, "user"}, {102, 0, "kthread"}}));
  EXPECT_EQ(top(tracker, proc, t0 + 10s),
            (std::vector<shown>{{103, 500, "kthread"}, {101, 50, "user"}}));
}

TEST(TopMemory, ANewProcessUnderAShownPidIsNamedAgain) {
  fake_procfs proc;
  proc.process(101, "first", 100, 500);
  top_memory_tracker tracker(1, 10s);
  ASSERT_EQ(top(tracker, proc, t0).front().name, "first");
  proc.process(101, "second", 100, 900);  // the pid was reused
  EXPECT_EQ(top(tracker, proc, t0 + 1s).front().name, "second");
}

TEST(ResidentSizes, SkipsWhatIsNotAProcessOrCannotBeRead) {
  fake_procfs proc;
  proc.process(7, "fine", 3);
  proc.process(8, "garbled", 3);
  std::filesystem::create_directories(proc.procfs() / "9");  // ended between listing and reading
  std::filesystem::create_directories(proc.procfs() / "self");
  std::filesystem::create_directories(proc.procfs() / "12a");
  const std::string garbage[] = {"", "1234", "12 x 3\n", "12 -4 3\n",
                                 "12 99999999999999999999999 1\n"};
  for (const auto& text : garbage) {
    std::ofstream(proc.procfs() / "8/statm", std::ios::trunc) << text;
    const auto sizes = read_resident_sizes(proc.procfs(), 4096);
    ASSERT_EQ(sizes.size(), 1u) << "statm \"" << text << "\"";
    EXPECT_EQ(sizes[0].pid, 7);
    EXPECT_EQ(sizes[0].bytes, 3u * 4096);
  }
  EXPECT_EQ(read_resident_sizes_of(proc.procfs(), {7, 8, 9, 404}, 4096).size(), 1u);
  EXPECT_TRUE(read_resident_sizes(proc.root() / "missing", 4096).empty());
}

}  // namespace
}  // namespace smistat::system

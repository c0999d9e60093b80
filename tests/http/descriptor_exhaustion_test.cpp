// Running out of descriptors: accept backs off on a timer and recovers once descriptors are
// free. Its own executable, built and run only without sanitizers (label release_only, run by
// tests/other_builds.sh): UBSan's vptr check reads /proc/self/maps to confirm a dynamic type;
// with every descriptor taken on purpose it cannot, and reports Beast's stable async state as
// "invalid vptr" (a false report that UBSan's vptr suppressions cannot match).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include "src/http/server.hpp"
#include "tests/http/test_client.hpp"

namespace smistat::http::test {
namespace {

/** Lowers RLIMIT_NOFILE and fills the descriptor table, then gives it back. */
class descriptor_squeeze {
 public:
  descriptor_squeeze() {
    getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit low = saved_;
    low.rlim_cur = std::min<rlim_t>(saved_.rlim_cur, 512);
    setrlimit(RLIMIT_NOFILE, &low);
    const int base = ::open("/dev/null", O_RDONLY);
    if (base < 0) return;
    held_.push_back(base);
    for (int fd = dup(base); fd >= 0; fd = dup(base)) held_.push_back(fd);
  }
  ~descriptor_squeeze() {
    release();
    setrlimit(RLIMIT_NOFILE, &saved_);
  }
  /** Frees one descriptor, for the client's socket. */
  void free_one() {
    close(held_.back());
    held_.pop_back();
  }
  void release() {
    for (int fd : held_) close(fd);
    held_.clear();
  }

 private:
  rlimit saved_{};
  std::vector<int> held_;
};

TEST_F(server_test, accept_backs_off_when_out_of_descriptors_and_recovers) {
  server_options options = test_options();
  options.accept_backoff = std::chrono::milliseconds(20);
  start(options);
  // Kept open so the client's reactor exists and the server frees no descriptor meanwhile.
  client warm = connect();
  EXPECT_EQ(warm.get("/gpu/stats").result_int(), 200u);

  descriptor_squeeze squeeze;
  squeeze.free_one();
  client c = connect();  // the kernel completes the handshake; accept() then fails with EMFILE
  c.send(bhttp::verb::get, "/gpu/stats");
  // Two back-offs prove the loop kept retrying on its timer instead of stopping.
  EXPECT_TRUE(eventually([&] { return server_->stats().accept_backoffs >= 2; }));
  EXPECT_EQ(server_->stats().connections_accepted, 1u);
  squeeze.release();
  EXPECT_EQ(c.read().result_int(), 200u);
  EXPECT_EQ(server_->stats().connections_accepted, 2u);
}

}  // namespace
}  // namespace smistat::http::test

// Every hostile request of the corpus against the real binary: each gets the right status or a
// close, the server never crashes, and the next client is served.
#include "tests/abuse/request_corpus.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "tests/abuse/raw_connection.hpp"
#include "tests/integration/http_client.hpp"
#include "tests/integration/smistat_process.hpp"

namespace smistat::test {
namespace {

using namespace std::chrono_literals;

std::string describe(const std::vector<expected_response>& expected) {
  std::ostringstream out;
  for (const auto& alternatives : expected) {
    const char* sep = "";
    for (const unsigned s : alternatives) {
      out << sep << (s == 0 ? std::string("close") : std::to_string(s));
      sep = "|";
    }
    out << ' ';
  }
  return out.str();
}

/** The answer matches: one allowed status per expected response, in order, where `close`
 *  matches the end of the answers once the server has closed. */
bool matches(const std::vector<expected_response>& expected, const std::vector<unsigned>& got,
             bool closed) {
  std::size_t i = 0;
  for (const auto& alternatives : expected) {
    if (i < got.size() && alternatives.count(got[i])) {
      ++i;
      continue;
    }
    if (i == got.size() && alternatives.count(0) && closed) return true;
    return false;
  }
  return i == got.size();
}

const std::vector<corpus_request>& corpus() {
  static const auto requests = load_corpus(SMISTAT_ABUSE_REQUESTS_DIR);
  return requests;
}

TEST(request_corpus, holds_at_least_forty_requests) { EXPECT_GE(corpus().size(), 40u); }

TEST(request_corpus, each_request_gets_its_answer_and_the_next_client_is_served) {
  // A short read deadline ends the requests that stop half-way (they expect a close).
  smistat_process server(
      {"--replay", machine_dir("synthetic-8x-h100__590.48.01").string(), "--read-timeout", "1"});
  ASSERT_NE(server.port(), 0);
  ASSERT_EQ(http_get(server.port(), "/gpu/stats").status, 200u);
  for (const auto& request : corpus()) {
    SCOPED_TRACE(request.name + ": " + request.description);
    const auto answer = exchange(server.port(), request.bytes, 5s);
    const auto statuses = response_statuses(answer.bytes);
    std::string got;
    for (const unsigned s : statuses) got += std::to_string(s) + " ";
    if (answer.closed_by_server) got += "(closed)";
    EXPECT_TRUE(matches(request.expected, statuses, answer.closed_by_server))
        << "expected " << describe(request.expected) << "got " << got << "\n"
        << answer.bytes.substr(0, 300);
    ASSERT_EQ(::kill(server.pid(), 0), 0) << "smistat died\n" << server.log();
    EXPECT_EQ(http_get(server.port(), "/gpu/stats").status, 200u);
  }
}

}  // namespace
}  // namespace smistat::test

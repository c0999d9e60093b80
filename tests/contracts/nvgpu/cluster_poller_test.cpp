#include "src/contracts/nvgpu/cluster_poller.hpp"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <map>
#include <string>
#include <thread>

#include "tests/support/canned_http_server.hpp"

namespace smistat::app {
namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;

const std::string agent_json =
    R"({"hostname": "node02", "gpus": [{"type": "GeForce GTX 1080 Ti", "utilization": 0, "temperature": 44.5, "name": "caf\u00e9"}]})";

/** The poller's executor on a thread of its own, as the server's HTTP threads are. */
class poller_fixture : public testing::Test {
 protected:
  ~poller_fixture() override {
    work_.reset();
    io_.stop();
    thread_.join();
  }

  std::shared_ptr<cluster_poller> make(std::vector<std::string> agents,
                                       std::chrono::steady_clock::duration cache_for = 1h) {
    cluster_poller_options options;
    options.agents = std::move(agents);
    options.cache_for = cache_for;
    // Short deadlines keep the test quick; the outcome, not the time, is asserted.
    options.fetch.connect_timeout = 2s;
    options.fetch.read_timeout = 300ms;
    auto data = [](std::function<void(const collect::snapshot_ptr&)> done) {
      done(std::make_shared<const collect::snapshot>());
    };
    auto self = [](const collect::snapshot&) {
      return render::agent_answer{std::nullopt, "{\"hostname\": \"master\", \"gpus\": []}\n"};
    };
    return std::make_shared<cluster_poller>(io_.get_executor(), std::move(options), data, self);
  }

  /** The body `get` answers, waiting for the poll. */
  static std::string body_of(cluster_poller& p) {
    std::promise<std::string> body;
    p.get([&](std::shared_ptr<const cluster_report> r) { body.set_value(r->status); });
    auto f = body.get_future();
    EXPECT_EQ(f.wait_for(30s), std::future_status::ready) << "the poll never finished";
    return f.get();
  }

  net::io_context io_;
  net::executor_work_guard<net::io_context::executor_type> work_ = net::make_work_guard(io_);
  std::thread thread_{[this] { io_.run(); }};
};

TEST_F(poller_fixture, every_agent_in_order_with_the_originals_error_texts) {
  test::canned_http_server agents({{"/gpu_status", {200, agent_json}},
                                   {"/slow/gpu_status", {200, agent_json, true}},
                                   {"/broken/gpu_status", {200, "<html>oops</html>"}}});
  const std::string base = agents.base_url();
  auto poller = make({"self", base, "http://127.0.0.1:" + std::to_string(test::unused_port()),
                      base + "/slow", base + "/missing", base + "/broken/",
                      "https" + base.substr(4)});  // TLS to a server without it
  EXPECT_EQ(body_of(*poller),
            "[{\"hostname\": \"master\", \"gpus\": []}, "
            "{\"hostname\": \"node02\", \"gpus\": [{\"type\": \"GeForce GTX 1080 Ti\", "
            "\"utilization\": 0, \"temperature\": 44.5, \"name\": \"caf\\u00e9\"}]}, "
            "{\"error\": \"Host not available\"}, "
            "{\"error\": \"Connection timeout\"}, "
            "{\"error\": \"Bad response (404: Not Found)\"}, "
            "{\"error\": \"Bad response (invalid JSON)\"}, "
            "{\"error\": \"Host not available\"}]\n");
}

TEST_F(poller_fixture, concurrent_requests_share_one_poll_and_its_result_is_cached) {
  test::canned_http_server agents({{"/slow/gpu_status", {200, agent_json, true}}});
  auto poller = make({agents.base_url() + "/slow"});
  std::promise<std::shared_ptr<const cluster_report>> first, second;
  poller->get([&](auto body) { first.set_value(body); });
  poller->get([&](auto body) { second.set_value(body); });
  const auto a = first.get_future().get();
  const auto b = second.get_future().get();
  EXPECT_EQ(a, b) << "two polls ran";
  EXPECT_EQ(a->status, "[{\"error\": \"Connection timeout\"}]\n");
  EXPECT_EQ(agents.requests(), 1u);

  // Within the refresh interval the cached body answers at once, without polling.
  std::shared_ptr<const cluster_report> cached;
  poller->get([&](auto body) { cached = body; });
  EXPECT_EQ(cached, a) << "the cached body was not answered before get() returned";
  EXPECT_EQ(agents.requests(), 1u);
}

TEST_F(poller_fixture, an_expired_result_is_polled_again) {
  test::canned_http_server agents({{"/gpu_status", {200, "{}"}}});
  auto poller = make({agents.base_url()}, 0s);
  EXPECT_EQ(body_of(*poller), "[{}]\n");
  EXPECT_EQ(body_of(*poller), "[{}]\n");
  EXPECT_EQ(agents.requests(), 2u);
}

TEST_F(poller_fixture, the_page_shows_every_agent_in_order_from_the_same_poll) {
  const std::string dead = "http://127.0.0.1:" + std::to_string(test::unused_port());
  auto poller = make({"self", dead});
  std::promise<std::shared_ptr<const cluster_report>> got;
  poller->get([&](auto report) { got.set_value(report); });
  const auto report = got.get_future().get();
  EXPECT_EQ(report->status,
            "[{\"hostname\": \"master\", \"gpus\": []}, "
            "{\"error\": \"Host not available\"}]\n");
  const std::string& page = report->page;
  ASSERT_TRUE(page.starts_with("<!DOCTYPE HTML")) << page.substr(0, 200);
  const auto self = page.find("self (master)\n");
  const auto error = page.find(dead + "\nHost not available");
  ASSERT_NE(self, std::string::npos) << page;
  ASSERT_NE(error, std::string::npos) << page;
  EXPECT_LT(self, error);
}

TEST_F(poller_fixture, no_agents_is_an_empty_list) { EXPECT_EQ(body_of(*make({})), "[]\n"); }

TEST(agent_answer, maps_fetch_outcomes_to_nvgpu_entries) {
  using http::fetch_failure;
  struct row {
    http::fetch_result result;
    std::optional<std::string> error;
  };
  const std::vector<row> rows = {
      {{fetch_failure::none, 200, "OK", "{}", ""}, std::nullopt},
      {{fetch_failure::none, 404, "NOT FOUND", "", ""}, "Bad response (404: NOT FOUND)"},
      {{fetch_failure::none, 500, "Internal Server Error", "{}", ""},
       "Bad response (500: Internal Server Error)"},
      {{fetch_failure::unreachable, 0, "", "", "connect: refused"}, "Host not available"},
      {{fetch_failure::broken, 0, "", "", "read: reset"}, "Host not available"},
      {{fetch_failure::bad_url, 0, "", "", ""}, "Host not available"},
      {{fetch_failure::timed_out, 0, "", "", ""}, "Connection timeout"},
      {{fetch_failure::too_large, 0, "", "", ""}, "Bad response (body too large)"},
  };
  for (const auto& r : rows) {
    const auto a = agent_answer_of(r.result);
    EXPECT_EQ(a.error, r.error) << r.result.detail << " " << r.result.status;
    if (!r.error) {
      EXPECT_EQ(a.body, r.result.body);
    }
  }
}

TEST(agent_answer, polls_the_agent_route_under_the_base_url) {
  EXPECT_EQ(gpu_status_url("http://node2:1080"), "http://node2:1080/gpu_status");
  EXPECT_EQ(gpu_status_url("http://node2:1080/"), "http://node2:1080/gpu_status");
  EXPECT_EQ(gpu_status_url("http://node2/nvgpu"), "http://node2/nvgpu/gpu_status");
}

}  // namespace
}  // namespace smistat::app

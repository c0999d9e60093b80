// Asynchronous routes in the pure router: answers from other threads, and the same guards, CORS,
// prefix, 405 and 500 rules as synchronous routes.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "src/http/router.hpp"

namespace smistat::http {
namespace {

request make_request(std::string method, std::string path) {
  request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.host = "gpu-host:8000";
  return r;
}

/** Routes `req` and hands back the answer, whichever thread it comes from. */
std::future<response> route(const router& r, const request& req) {
  auto answer = std::make_shared<std::promise<response>>();
  r.async_handle(req, [answer](response res) { answer->set_value(std::move(res)); });
  return answer->get_future();
}

void expect_plain_500(const response& res) {
  EXPECT_EQ(res.status, 500u);
  EXPECT_EQ(res.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(res.body_view(), "Internal Server Error");
  EXPECT_TRUE(res.headers.empty());
}

TEST(async_router, an_answer_from_another_thread_reaches_done) {
  router r;
  r.add_async("/later", [](const request& req, responder answer) {
    std::thread([answer, query = req.query] {
      answer(text_response(200, "later " + query));
    }).detach();
  });
  request req = make_request("GET", "/later");
  req.query = "x=1";
  const response res = route(r, req).get();
  EXPECT_EQ(res.status, 200u);
  EXPECT_EQ(res.body_view(), "later x=1");
}

TEST(async_router, synchronous_answers_call_done_before_returning) {
  router r;
  r.add("/sync", [](const request&) { return text_response(200, "sync"); });
  r.add_async("/inline",
              [](const request&, responder answer) { answer(text_response(200, "inline")); });
  for (const char* path : {"/sync", "/inline", "/missing", "/sync/"}) {
    auto answer = route(r, make_request("GET", path));
    EXPECT_EQ(answer.wait_for(std::chrono::seconds(0)), std::future_status::ready) << path;
  }
}

TEST(async_router, a_throwing_handler_is_a_plain_500) {
  router r({.cors = true, .api_prefix = ""});
  r.add_async("/boom", [](const request&, responder) { throw std::runtime_error("nvml gone"); });
  r.add_async("/worse", [](const request&, responder) { throw 42; });
  for (const char* path : {"/boom", "/worse"}) {
    request req = make_request("GET", path);
    req.origin = "http://ui";  // a failure bypasses CORS, as Starlette's ServerErrorMiddleware
    expect_plain_500(route(r, req).get());
  }
}

TEST(async_router, a_handler_that_answers_then_throws_keeps_its_answer) {
  router r;
  r.add_async("/both", [](const request&, responder answer) {
    answer(text_response(200, "answered"));
    throw std::runtime_error("late failure");
  });
  EXPECT_EQ(route(r, make_request("GET", "/both")).get().body_view(), "answered");
}

TEST(async_router, a_responder_dropped_unanswered_is_a_plain_500) {
  router r;
  r.add_async("/forgets", [](const request&, responder) {});
  std::vector<responder> kept;
  std::mutex mutex;
  r.add_async("/keeps", [&](const request&, responder answer) {
    std::lock_guard lock(mutex);
    kept.push_back(std::move(answer));
  });
  expect_plain_500(route(r, make_request("GET", "/forgets")).get());

  auto pending = route(r, make_request("GET", "/keeps"));
  EXPECT_EQ(pending.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  std::thread([&] { kept.clear(); }).join();  // the last copy goes on another thread
  expect_plain_500(pending.get());
}

TEST(async_router, only_the_first_answer_of_all_copies_counts) {
  router r;
  std::vector<responder> copies;
  r.add_async("/twice", [&](const request&, responder answer) {
    copies = {answer, answer};
    EXPECT_FALSE(answer.answered());
    answer(text_response(201, "first"));
    EXPECT_TRUE(copies[0].answered());
  });
  std::atomic<int> calls{0};
  std::string body;
  r.async_handle(make_request("GET", "/twice"), [&](response res) {
    calls.fetch_add(1);
    body = res.body_view();
  });
  copies[0](text_response(200, "second"));
  copies[1].fail();
  copies.clear();
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(body, "first");
}

TEST(async_router, fail_answers_a_plain_500) {
  router r({.cors = true, .api_prefix = ""});
  r.add_async("/fails", [](const request&, responder answer) { answer.fail(); });
  request req = make_request("GET", "/fails");
  req.origin = "http://ui";
  expect_plain_500(route(r, req).get());
}

TEST(async_router, an_impossible_status_is_a_plain_500) {
  router r;
  r.add_async("/odd", [](const request&, responder answer) { answer(text_response(600, "odd")); });
  expect_plain_500(route(r, make_request("GET", "/odd")).get());
}

TEST(async_router, cors_headers_decorate_an_async_answer) {
  router r({.cors = true, .api_prefix = ""});
  r.add_async("/later", [](const request&, responder answer) {
    std::thread([answer] { answer(json_response(200, "{}")); }).detach();
  });
  request req = make_request("GET", "/later");
  req.origin = "http://ui";
  const response plain = route(r, req).get();
  EXPECT_EQ(plain.headers,
            (std::vector<header_field>{{"access-control-allow-origin", "*"},
                                       {"access-control-allow-credentials", "true"}}));
  req.has_cookie = true;
  const response credentialed = route(r, req).get();
  EXPECT_EQ(*credentialed.find_header("access-control-allow-origin"), "http://ui");
  EXPECT_EQ(*credentialed.find_header("vary"), "Origin");
}

TEST(async_router, the_guard_answers_in_front_of_an_async_route) {
  router r({.cors = true, .api_prefix = ""});
  std::atomic<int> called{0};
  r.add_async("/secret", [&](const request&, responder answer) {
    called.fetch_add(1);
    answer(text_response(200, "secret"));
  });
  r.set_guard([](const request& req) -> std::optional<response> {
    if (req.x_api_key == "right") return std::nullopt;
    return detail_response(401, "Invalid or missing API key.");
  });
  request req = make_request("GET", "/secret");
  req.origin = "http://ui";
  const response denied = route(r, req).get();
  EXPECT_EQ(denied.status, 401u);
  EXPECT_EQ(*denied.find_header("access-control-allow-origin"), "*");
  EXPECT_EQ(called.load(), 0);
  req.x_api_key = "right";
  EXPECT_EQ(route(r, req).get().body_view(), "secret");
  EXPECT_EQ(called.load(), 1);
}

TEST(async_router, a_throwing_guard_is_a_plain_500) {
  router r;
  r.add_async("/guarded", [](const request&, responder answer) { answer(response{}); });
  r.set_guard([](const request&) -> std::optional<response> { throw std::runtime_error("x"); });
  expect_plain_500(route(r, make_request("GET", "/guarded")).get());
}

TEST(async_router, prefix_405_and_redirects_treat_async_routes_like_sync_ones) {
  router r({.cors = false, .api_prefix = "/v1"});
  r.add_async("/jobs",
              [](const request&, responder answer) { answer(text_response(200, "list")); });
  r.add_async(
      "/metrics", [](const request&, responder answer) { answer(text_response(200, "m")); },
      prefix_policy::skip);
  EXPECT_EQ(route(r, make_request("GET", "/v1/jobs")).get().status, 200u);
  EXPECT_EQ(route(r, make_request("GET", "/jobs")).get().status, 404u);
  EXPECT_EQ(route(r, make_request("GET", "/metrics")).get().body_view(), "m");
  const response not_allowed = route(r, make_request("DELETE", "/v1/jobs")).get();
  EXPECT_EQ(not_allowed.status, 405u);
  EXPECT_EQ(not_allowed.headers, (std::vector<header_field>{{"allow", "GET"}}));
  const response moved = route(r, make_request("GET", "/v1/jobs/")).get();
  EXPECT_EQ(moved.status, 307u);
  EXPECT_EQ(*moved.find_header("location"), "http://gpu-host:8000/v1/jobs");
}

TEST(async_router, registering_a_method_twice_throws_across_kinds) {
  router r;
  r.add("/a", [](const request&) { return response{}; });
  EXPECT_THROW(r.add_async("/a", [](const request&, responder) {}), std::invalid_argument);
  EXPECT_THROW(r.add_async("b", [](const request&, responder) {}), std::invalid_argument);
  EXPECT_THROW(r.add_async("/c", async_handler{}), std::invalid_argument);
}

TEST(async_router, handle_returns_an_inline_answer_and_500_for_one_still_to_come) {
  router r;
  r.add_async("/inline",
              [](const request&, responder answer) { answer(text_response(200, "inline")); });
  auto kept = std::make_shared<std::vector<responder>>();
  r.add_async("/later", [kept](const request&, responder answer) { kept->push_back(answer); });
  EXPECT_EQ(r.handle(make_request("GET", "/inline")).body_view(), "inline");
  expect_plain_500(r.handle(make_request("GET", "/later")));  // handle() never waits
  ASSERT_EQ(kept->size(), 1u);
  (*kept)[0](text_response(200, "too late"));  // discarded, harmlessly
  EXPECT_TRUE((*kept)[0].answered());
}

}  // namespace
}  // namespace smistat::http

// The router's table is the one list of served routes: every route is described where it is
// registered, /openapi.json lists exactly the described ones, and each listed JSON route's
// answer on every recorded machine fits the schema the description gives for it.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "src/app/routes.hpp"
#include "src/contracts/gpu_metrics_api/gpu_metrics_api_history.hpp"
#include "src/contracts/nvgpu/routes.hpp"
#include "tests/contracts/every_machine.hpp"
#include "tests/contracts/machine_fixture.hpp"
#include "tests/contracts/schema_check.hpp"
#include "tests/support/golden.hpp"

namespace smistat::contracts {
namespace {

namespace json = boost::json;

/** Every contract's routes over one fixed snapshot, as `smistat` wires them. */
class served_routes {
 public:
  explicit served_routes(collect::snapshot s, config cfg = {})
      : snapshot_(std::make_shared<const collect::snapshot>(std::move(s))) {
    app::route_inputs in;
    in.data = [s = snapshot_](const snapshot_consumer& use) { use(s); };
    in.data_with_processes = in.data;
    in.current = [s = snapshot_] { return s; };
    in.history = std::make_shared<history::gpu_trend_history>(render::trend_samples);
    in.executor = io_.get_executor();
    in.self = this_machine_agent();
    router_ = app::make_routes(cfg, std::move(in));
  }

  const http::router& router() const { return *router_; }

  /** GET `path`, with whatever the asynchronous routes need run to completion. */
  http::response get(const std::string& path) {
    http::request req;
    req.path = path;
    std::optional<http::response> answer;
    router_->async_handle(req, [&](http::response res) { answer = std::move(res); });
    io_.restart();
    io_.run();
    if (answer) return std::move(*answer);
    http::response none;
    none.status = 0;  // unanswered: no status a route could give
    return none;
  }

 private:
  boost::asio::io_context io_;
  collect::snapshot_ptr snapshot_;
  std::shared_ptr<const http::router> router_;
};

TEST(route_table, every_served_route_is_described_where_it_is_registered) {
  served_routes served(test::machine_snapshot_001(test::machine_dirs().front()));
  const auto table = served.router().table();
  ASSERT_GT(table.size(), 20u);
  for (const auto& entry : table)
    EXPECT_TRUE(entry.doc.has_value())
        << entry.path << " is served but undescribed: register it with an http::route_doc, or "
        << "http::unlisted_route(why) when it is left out of /openapi.json on purpose";
}

TEST(route_table, openapi_lists_exactly_the_listed_routes_in_their_order) {
  served_routes served(test::machine_snapshot_001(test::machine_dirs().front()));
  const auto res = served.get("/openapi.json");
  ASSERT_EQ(res.status, 200u);
  const auto paths = json::parse(res.body_view()).at("paths").as_object();
  std::vector<std::string> listed;
  for (const auto& entry : served.router().table())
    if (entry.doc && entry.doc->listed) listed.push_back(entry.path);
  std::vector<std::string> described;
  for (const auto& [path, item] : paths) described.emplace_back(path);
  EXPECT_EQ(described, listed);
  EXPECT_FALSE(paths.contains("/openapi.json"));
  EXPECT_TRUE(paths.contains("/metrics"));
}

TEST(route_table, the_api_prefix_reaches_the_description) {
  config cfg;
  cfg.api_prefix = "/v1";
  cfg.apply_api_prefix = true;
  served_routes served(test::machine_snapshot_001(test::machine_dirs().front()), cfg);
  const auto paths = json::parse(served.get("/openapi.json").body_view()).at("paths");
  EXPECT_TRUE(paths.as_object().contains("/v1/gpu/stats"));
  EXPECT_TRUE(paths.as_object().contains("/-/ready"));  // the probes stay where orchestrators look
}

TEST(route_table, every_listed_json_answer_fits_its_schema_on_every_machine) {
  test::for_every_machine("", test::machine_snapshot_001, [](const collect::snapshot& s, auto&&) {
    served_routes served(s);
    for (const auto& entry : served.router().table()) {
      if (!entry.doc || !entry.doc->listed) continue;
      SCOPED_TRACE(entry.path);
      const auto res = served.get(entry.path);
      if (entry.doc->content_type != "application/json") {
        EXPECT_TRUE(res.content_type.starts_with(entry.doc->content_type)) << res.content_type;
        continue;
      }
      ASSERT_EQ(res.status, 200u) << res.body_view();
      EXPECT_EQ(res.content_type, "application/json");
      const auto violations =
          test::schema_violations(json::parse(entry.doc->schema), json::parse(res.body_view()));
      for (const auto& v : violations) ADD_FAILURE() << v;
    }
  });
}

}  // namespace
}  // namespace smistat::contracts

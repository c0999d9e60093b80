#include "src/contracts/smistat/api_description_routes.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "src/contracts/smistat/api_description.hpp"
#include "src/contracts/smistat/docs_asset_routes.hpp"

namespace smistat::contracts {
namespace {

http::handler static_html(std::string html) {
  auto body = std::make_shared<const std::string>(std::move(html));
  return [body](const http::request&) {
    http::response res;
    res.content_type = "text/html; charset=utf-8";
    res.body = body;
    return res;
  };
}

std::vector<app::described_route> listed_routes(const http::router& r) {
  std::vector<app::described_route> out;
  for (const auto& entry : r.table())
    if (entry.doc && entry.doc->listed)
      out.push_back({entry.path, entry.doc->summary, entry.doc->tag, entry.doc->schema,
                     entry.doc->content_type});
  return out;
}

}  // namespace

void add_api_description_routes(http::router& r, const config& cfg) {
  // FastAPI leaves its own description and viewers out of the description too.
  constexpr auto viewer = http::unlisted_route("the API description and its viewers");
  auto openapi = std::make_shared<const std::string>(app::render_openapi(cfg, listed_routes(r)));
  r.add(
      "/openapi.json",
      [openapi](const http::request&) { return http::json_response(200, openapi); }, viewer,
      http::prefix_policy::skip);
  const app::docs_sources ui = app::add_docs_assets(r, cfg.docs_assets_dir);
  if (!cfg.docs_url.empty())
    r.add(cfg.docs_url, static_html(app::render_swagger_html(cfg, ui)), viewer,
          http::prefix_policy::skip);
  if (!cfg.redoc_url.empty())
    r.add(cfg.redoc_url, static_html(app::render_redoc_html(cfg, ui)), viewer,
          http::prefix_policy::skip);
}

}  // namespace smistat::contracts

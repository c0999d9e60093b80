#pragma once
// Local Swagger UI and ReDoc files for /docs and /redoc (--docs.assets-dir), for clusters that
// cannot reach the CDN the pages load them from by default.

#include <string>

#include "src/http/router.hpp"

namespace smistat::app {

/** Where /docs and /redoc load their user interfaces from. */
struct docs_sources {
  std::string swagger_js = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js";
  std::string swagger_css = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css";
  std::string redoc_js = "https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js";
};

/** The URL path local files are served under. */
inline constexpr std::string_view docs_assets_path = "/docs/assets/";

/** Registers GET /docs/assets/<name> for every regular file directly inside `dir` when the
 *  server starts (nothing when `dir` is empty). Only those names are routed, so no request path
 *  can reach anything else; a symbolic link is served only when it resolves inside `dir`. The
 *  pages use the local copy of a UI when its files are there, else the CDN. */
docs_sources add_docs_assets(http::router& r, const std::string& dir);

}  // namespace smistat::app

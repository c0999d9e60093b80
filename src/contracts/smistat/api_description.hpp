#pragma once
// The OpenAPI 3 description of the served routes, and the /docs and /redoc pages that show it.

#include <string>
#include <string_view>
#include <vector>

#include "src/config/config.hpp"
#include "src/contracts/smistat/docs_asset_routes.hpp"

namespace smistat::app {

/** One route as the description lists it; the texts are literals from the route's registration. */
struct described_route {
  std::string path;
  std::string_view summary;
  std::string_view tag;
  std::string_view schema;  ///< JSON Schema of the 200 body; empty: any
  std::string_view content_type;
};

/** `/openapi.json`: OpenAPI 3.0.2, compact JSON, titled and versioned from the config, listing
 *  `routes` in their order. */
std::string render_openapi(const config& cfg, const std::vector<described_route>& routes);

/** `/docs`: Swagger UI, loaded from `from` (a CDN by default, as FastAPI serves it), under a
 *  notice with a link to /openapi.json that stays until the UI has rendered. */
std::string render_swagger_html(const config& cfg, const docs_sources& from);

/** `/redoc`: ReDoc over the same description, with the same notice. */
std::string render_redoc_html(const config& cfg, const docs_sources& from);

}  // namespace smistat::app

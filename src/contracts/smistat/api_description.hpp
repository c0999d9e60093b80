#pragma once
// The OpenAPI 3 description of the served routes, and the /docs and /redoc pages that show it.

#include <string>

#include "src/config/config.hpp"
#include "src/contracts/smistat/docs_asset_routes.hpp"

namespace smistat::app {

/** `/openapi.json`: OpenAPI 3.0.2, compact JSON, titled and versioned from the config. */
std::string render_openapi(const config& cfg);

/** `/docs`: Swagger UI, loaded from `from` (a CDN by default, as FastAPI serves it), under a
 *  notice with a link to /openapi.json that stays until the UI has rendered. */
std::string render_swagger_html(const config& cfg, const docs_sources& from);

/** `/redoc`: ReDoc over the same description, with the same notice. */
std::string render_redoc_html(const config& cfg, const docs_sources& from);

}  // namespace smistat::app

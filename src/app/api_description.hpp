#pragma once
// The OpenAPI 3 description of the served routes, and the /docs and /redoc pages that show it.

#include <string>

#include "src/config/config.hpp"

namespace smistat::app {

/** `/openapi.json`: OpenAPI 3.0.2, compact JSON, titled and versioned from the config. */
std::string render_openapi(const config& cfg);

/** `/docs`: Swagger UI (as FastAPI serves it: the UI's script comes from a CDN). */
std::string render_swagger_html(const config& cfg);

/** `/redoc`: ReDoc over the same description. */
std::string render_redoc_html(const config& cfg);

}  // namespace smistat::app

#pragma once
// /openapi.json, /docs and /redoc: the API description, made from the router's own table of
// routes, so every served route is described where it is registered and nowhere else.

#include "src/config/config.hpp"
#include "src/http/router.hpp"

namespace smistat::contracts {

/** Registers /openapi.json (listing every route registered so far that is described as
 *  listed), the /docs and /redoc pages and the docs assets. Call it after every other route:
 *  the description is rendered once, here. */
void add_api_description_routes(http::router& r, const config& cfg);

}  // namespace smistat::contracts

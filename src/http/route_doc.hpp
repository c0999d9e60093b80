#pragma once
// What the API description (/openapi.json) says about one route. It is given where the route is
// registered, so the served table and its description cannot drift apart.

#include <string_view>

namespace smistat::http {

/** The description of one GET route; the texts are literals. */
struct route_doc {
  std::string_view summary;  ///< for a route left out: why it is left out
  std::string_view tag;      ///< the contract the route belongs to
  /** JSON Schema (OpenAPI 3.0's dialect: `nullable`) of the 200 body, written as is. The route
   *  table test checks every listed route's real answers against it. */
  std::string_view schema;
  std::string_view content_type = "application/json";
  /** False for a route served but left out of the description on purpose (the description and
   *  its viewers, static files), as FastAPI leaves out its own docs routes. */
  bool listed = true;
};

/** A route left out of the description on purpose; `why` says why, for the reader of the code. */
constexpr route_doc unlisted_route(std::string_view why) {
  return {.summary = why, .tag = {}, .schema = {}, .content_type = {}, .listed = false};
}

}  // namespace smistat::http

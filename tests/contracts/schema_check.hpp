#pragma once
// Checks a JSON document against the schemas smistat's routes declare for /openapi.json.

#include <boost/json/value.hpp>
#include <string>
#include <vector>

namespace smistat::test {

/** Where `doc` breaks `schema`, one line per break naming the JSON path ("$.gpus[0].name");
 *  empty when it fits. Understands the keywords the route schemas use: type (one name or a
 *  list), nullable, properties, items, enum. Any other keyword is itself reported, so a typo in
 *  a schema fails instead of passing everything. Written here because Debian has no C++ JSON
 *  Schema validator for Boost.JSON, and OpenAPI 3.0's `nullable` is not JSON Schema anyway. */
std::vector<std::string> schema_violations(const boost::json::value& schema,
                                           const boost::json::value& doc);

}  // namespace smistat::test

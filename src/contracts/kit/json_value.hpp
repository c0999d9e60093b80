#pragma once
// A parsed JSON document written back through smistat's own writer, so a body relayed from
// elsewhere (an nvgpu agent's answer) prints its numbers the way Python's json module does:
// Boost.JSON's serializer would print 20.0 as 2E1.

#include <boost/json/value.hpp>

#include "src/contracts/kit/json_writer.hpp"

namespace smistat::render {

/** Writes `v` with `w`: objects in their key order, integers as integers, doubles in Python's
 *  repr (an integer beyond 64 bits, which Boost.JSON parses as a double, prints as a float). */
void write_json_value(json_writer& w, const boost::json::value& v);

}  // namespace smistat::render

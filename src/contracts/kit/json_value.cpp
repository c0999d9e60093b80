#include "src/contracts/kit/json_value.hpp"

#include <string>

namespace smistat::render {

void write_json_value(json_writer& w, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: w.null(); return;
    case boost::json::kind::bool_: w.boolean(v.get_bool()); return;
    case boost::json::kind::int64: w.integer(v.get_int64()); return;
    case boost::json::kind::uint64: w.raw(std::to_string(v.get_uint64())); return;
    case boost::json::kind::double_: w.number(v.get_double()); return;
    case boost::json::kind::string: w.string(v.get_string()); return;
    case boost::json::kind::array:
      w.begin_array();
      for (const auto& item : v.get_array()) write_json_value(w, item);
      w.end_array();
      return;
    case boost::json::kind::object:
      w.begin_object();
      for (const auto& [key, item] : v.get_object()) {
        w.key(key);
        write_json_value(w, item);
      }
      w.end_object();
      return;
  }
}

}  // namespace smistat::render

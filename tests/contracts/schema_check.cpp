#include "tests/contracts/schema_check.hpp"

#include <boost/json/serialize.hpp>
#include <set>
#include <string_view>

namespace smistat::test {
namespace {

namespace json = boost::json;

bool has_type(const json::value& v, std::string_view type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_bool();
  if (type == "integer") return v.is_int64() || v.is_uint64();
  if (type == "number") return v.is_number();
  return false;
}

bool fits_type(const json::value& type, const json::value& v) {
  if (type.is_string()) return has_type(v, type.as_string());
  for (const auto& t : type.as_array())
    if (t.is_string() && has_type(v, t.as_string())) return true;
  return false;
}

void check(const json::value& schema, const json::value& doc, const std::string& path,
           std::vector<std::string>& out) {
  static const std::set<std::string_view> known{"type", "nullable", "properties", "items", "enum"};
  if (!schema.is_object()) {
    out.push_back(path + ": the schema is not an object");
    return;
  }
  const auto& s = schema.as_object();
  for (const auto& [keyword, value] : s)
    if (!known.contains(keyword))
      out.push_back(path + ": unknown schema keyword " + std::string(keyword));
  if (doc.is_null()) {
    const auto* nullable = s.if_contains("nullable");
    if (s.contains("type") && !(nullable && nullable->is_bool() && nullable->as_bool()))
      out.push_back(path + ": null where the schema does not allow it");
    return;
  }
  if (const auto* type = s.if_contains("type"); type && !fits_type(*type, doc)) {
    out.push_back(path + ": " + json::serialize(doc).substr(0, 60) + " is not of type " +
                  json::serialize(*type));
    return;
  }
  if (const auto* values = s.if_contains("enum")) {
    bool listed = false;
    for (const auto& v : values->as_array()) listed = listed || v == doc;
    if (!listed) out.push_back(path + ": " + json::serialize(doc) + " is not one of the enum");
  }
  if (const auto* properties = s.if_contains("properties"); properties && doc.is_object()) {
    for (const auto& [key, sub] : properties->as_object())
      if (const auto* member = doc.as_object().if_contains(key))
        check(sub, *member, path + "." + std::string(key), out);
  }
  if (const auto* items = s.if_contains("items"); items && doc.is_array()) {
    const auto& a = doc.as_array();
    for (std::size_t i = 0; i < a.size(); ++i)
      check(*items, a[i], path + "[" + std::to_string(i) + "]", out);
  }
}

}  // namespace

std::vector<std::string> schema_violations(const json::value& schema, const json::value& doc) {
  std::vector<std::string> out;
  check(schema, doc, "$", out);
  return out;
}

}  // namespace smistat::test

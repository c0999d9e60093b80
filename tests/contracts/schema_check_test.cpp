// The schema check the route table test relies on: it must be able to fail.
#include "tests/contracts/schema_check.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace smistat::test {
namespace {

using strings = std::vector<std::string>;

strings violations(const char* schema, const char* doc) {
  return schema_violations(boost::json::parse(schema), boost::json::parse(doc));
}

TEST(schema_check, integers_are_not_numbers_with_a_fraction) {
  EXPECT_EQ(violations(R"({"type":"integer"})", "3"), strings{});
  EXPECT_EQ(violations(R"({"type":"number"})", "3"), strings{});
  EXPECT_EQ(violations(R"({"type":"integer"})", "3.5"),
            strings{"$: 3.5E0 is not of type \"integer\""});
}

TEST(schema_check, null_needs_nullable) {
  EXPECT_EQ(violations(R"({"type":"string","nullable":true})", "null"), strings{});
  EXPECT_EQ(violations(R"({"type":"string"})", "null"),
            strings{"$: null where the schema does not allow it"});
}

TEST(schema_check, names_the_path_of_a_nested_break) {
  const char* schema =
      R"({"type":"object","properties":{"gpus":{"type":"array","items":{"type":"object",)"
      R"("properties":{"name":{"type":"string"}}}}}})";
  EXPECT_EQ(violations(schema, R"({"gpus":[{"name":"a"},{"name":1}],"other":1})"),
            strings{"$.gpus[1].name: 1 is not of type \"string\""});
}

TEST(schema_check, enum_and_unknown_keywords) {
  EXPECT_EQ(violations(R"({"enum":["a","b"]})", R"("c")"),
            strings{"$: \"c\" is not one of the enum"});
  EXPECT_EQ(violations(R"({"typo":"integer"})", "1"), strings{"$: unknown schema keyword typo"});
}

}  // namespace
}  // namespace smistat::test

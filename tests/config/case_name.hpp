#pragma once
// Names table-driven test cases after their `name` member, so a failure says which row broke.

#include <gtest/gtest.h>

#include <string>

namespace smistat::test {

/** gtest name generator for rows that carry a `const char* name`. */
template <class Row>
std::string case_name(const testing::TestParamInfo<Row>& row) {
  return row.param.name;
}

}  // namespace smistat::test

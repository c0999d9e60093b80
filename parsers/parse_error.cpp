#include "parsers/parse_error.hpp"

#include <string>

namespace smistat::parsers {
namespace {

// Boost's error_category has a protected non-virtual destructor by design (categories are
// never deleted through a base pointer); -Wnon-virtual-dtor cannot know that.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
class parse_error_category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "smistat.parse"; }

  std::string message(int ev) const override {
    switch (static_cast<parse_errc>(ev)) {
      case parse_errc::empty_input: return "no output to parse";
      case parse_errc::header_mismatch: return "header width differs from the requested fields";
      case parse_errc::bad_header_field: return "header cell is not `name` or `name [unit]`";
      case parse_errc::ragged_row: return "row width differs from the requested fields";
      case parse_errc::not_recognized: return "text is not output of the expected kind";
    }
    return "unknown parse error";
  }
};
#pragma GCC diagnostic pop

}  // namespace

const boost::system::error_category& parse_category() noexcept {
  static const parse_error_category category;
  return category;
}

}  // namespace smistat::parsers

#pragma once
// Whole-document parse failures, as a Boost.System error category (Beast http/error.hpp shape).

#include <boost/system/error_code.hpp>
#include <type_traits>

namespace smistat::parsers {

enum class parse_errc {
  empty_input = 1,   ///< no non-blank line at all (and a header was expected, or rows were)
  header_mismatch,   ///< header width differs from the number of requested fields
  bad_header_field,  ///< a header cell is not `name` or `name [unit]`
  ragged_row,        ///< a data row's width differs from the number of requested fields
  not_recognized,    ///< the text is not output of the kind this parser reads
};

const boost::system::error_category& parse_category() noexcept;

inline boost::system::error_code make_error_code(parse_errc e) noexcept {
  return {static_cast<int>(e), parse_category()};
}

}  // namespace smistat::parsers

template <>
struct boost::system::is_error_code_enum<smistat::parsers::parse_errc> : std::true_type {};

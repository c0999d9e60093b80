#pragma once
// Compact JSON written the way Python's json module writes it, so bodies match the originals
// byte for byte: ints stay ints, floats print as Python's repr (`20.0`, `29.31`, `1e+16`), and
// strings escape like json.dumps. Boost.JSON prints `2E1` for 20.0, so it is not used for output.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "src/common/python_float.hpp"

namespace smistat::render {

using common::append_python_float;
using common::python_round;

/** Options of json.dumps that the contracts differ in. */
struct json_style {
  bool ensure_ascii = false;  ///< true: non-ASCII as `\uXXXX` (surrogate pairs above U+FFFF)
  bool spaced = false;        ///< true: `", "` and `": "` separators (json.dumps defaults)
};

/** Appends `s` as a quoted JSON string. Invalid UTF-8 bytes become U+FFFD. */
void append_json_string(std::string& out, std::string_view s, bool ensure_ascii = false);

/** Appends JSON to a caller-owned string. Commas are placed automatically; the caller states
 *  each value's JSON type, because clients check int versus float. */
class json_writer {
 public:
  /** Writes into `out` (appending); `out` must outlive the writer. */
  explicit json_writer(std::string& out, json_style style = {}) noexcept;

  /** Opens `{`. */
  json_writer& begin_object();
  /** Closes `}`. */
  json_writer& end_object();
  /** Opens `[`. */
  json_writer& begin_array();
  /** Closes `]`. */
  json_writer& end_array();
  /** Writes an object key; the next call writes its value. */
  json_writer& key(std::string_view k);

  /** A JSON string. */
  json_writer& string(std::string_view s);
  /** A JSON integer. */
  json_writer& integer(std::int64_t v);
  /** A JSON float in Python repr form (always with a fraction or an exponent). */
  json_writer& number(double v);
  /** `true` / `false`. */
  json_writer& boolean(bool v);
  /** `null`. */
  json_writer& null();

  /** A value that is already JSON text (a fixed schema, a cached body); written verbatim. */
  json_writer& raw(std::string_view json);

  /** An integer, or null when empty. */
  json_writer& integer_or_null(const std::optional<std::int64_t>& v);
  /** A float, or null when empty. */
  json_writer& number_or_null(const std::optional<double>& v);
  /** A string, or null when empty. */
  json_writer& string_or_null(const std::optional<std::string>& v);

  /** The string being written to. */
  std::string& out() noexcept { return out_; }

 private:
  void before_value();
  json_writer& open(char c);
  json_writer& close(char c);

  // Nesting deeper than this is never needed by a contract; the bit for deeper levels is
  // simply not tracked (only `first` decisions would be wrong, and we assert in debug).
  static constexpr int max_depth = 64;

  std::string& out_;
  json_style style_;
  std::uint64_t has_items_ = 0;  ///< bit d: the container at depth d already has an element
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace smistat::render

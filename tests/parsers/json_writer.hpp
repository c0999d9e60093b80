#pragma once
// A small streaming JSON writer for golden files: two-space indents, one member per line, and
// inline objects for leaves so a 200-column table stays one line per cell in diffs.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::test {

/** Writes pretty, deterministic JSON; the caller keeps begin/end calls balanced. */
class json_writer {
 public:
  /** Starts an object (as a value, or after `key`). */
  void begin_object();
  /** Ends the innermost object. */
  void end_object();
  /** Starts an array. */
  void begin_array();
  /** Ends the innermost array. */
  void end_array();
  /** The member name of the next value. */
  void key(std::string_view name);
  /** A string value. */
  void value(std::string_view s);
  /** A string value (keeps literals from turning into bool). */
  void value(const char* s) { value(std::string_view(s)); }
  /** An integer value. */
  void value(std::int64_t n);
  /** A boolean value. */
  void value(bool b);
  /** A `null` value. */
  void null_value();
  /** An already rendered JSON value, written as is (see `inline_object`). */
  void raw_value(std::string_view json);
  /** The document, ending with a newline. */
  std::string str() const { return out_ + "\n"; }

  /** `s` as a quoted JSON string. */
  static std::string quote(std::string_view s);

 private:
  void before_value();
  void close(char bracket);

  std::string out_;
  std::vector<bool> has_members_;  ///< per open container: written a member yet
  bool after_key_ = false;
};

/** Builds a one-line object: `{"a": 1, "b": "x"}`. Values are pre-rendered JSON. */
class inline_object {
 public:
  /** Adds a member whose value is already JSON. */
  inline_object& raw(std::string_view name, std::string_view json);
  /** Adds a string member. */
  inline_object& str(std::string_view name, std::string_view s);
  /** The rendered object. */
  std::string done() const { return "{" + body_ + "}"; }

 private:
  std::string body_;
};

}  // namespace smistat::test

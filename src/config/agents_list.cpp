#include "src/config/agents_list.hpp"

#include <boost/url/parse.hpp>
#include <cctype>

#include "src/common/text.hpp"
#include "src/config/raw_value.hpp"

namespace smistat::config_detail {
namespace {

/** The one statement of the file, read token by token. Python joins lines inside brackets, so
 *  line breaks only end a statement outside them. */
class agents_reader {
 public:
  explicit agents_reader(std::string_view text) : text_(text) {}

  agents_file_result read() {
    agents_file_result out;
    try {
      while (skip_blank(true), pos_ < text_.size()) out.agents = statement();
    } catch (const agents_file_error& e) {
      out.agents.reset();
      out.error = e;
    }
    return out;
  }

 private:
  [[noreturn]] void fail(std::string message) const { throw agents_file_error{line_, message}; }

  /** Skips blanks and comments, and line breaks when `newlines` (inside brackets). */
  void skip_blank(bool newlines) {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (c == '\n' && newlines) {
        ++line_;
        ++pos_;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        ++pos_;
      } else {
        return;
      }
    }
  }

  bool next_is(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  std::vector<std::string> statement() {
    std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      ++pos_;
    if (text_.substr(start, pos_ - start) != "AGENTS")
      fail("expected AGENTS = ['self', 'http://host:port', ...]; nothing else is understood");
    skip_blank(false);
    if (!next_is('=')) fail("expected = after AGENTS");
    ++pos_;
    skip_blank(false);
    if (!next_is('[')) fail("expected [ to open the list of agents");
    ++pos_;
    auto agents = items();
    skip_blank(false);
    if (pos_ < text_.size() && !next_is('\n'))
      fail("unexpected text after the closing ] of AGENTS");
    return agents;
  }

  /** The list after `[`, up to and including `]`. */
  std::vector<std::string> items() {
    std::vector<std::string> out;
    for (;;) {
      skip_blank(true);
      if (next_is(']')) break;
      out.push_back(string_literal());
      skip_blank(true);
      if (next_is(',')) {
        ++pos_;
        continue;
      }
      if (!next_is(']')) fail("expected , or ] after an agent");
      break;
    }
    ++pos_;
    return out;
  }

  std::string string_literal() {
    if (pos_ >= text_.size()) fail("the list of agents is not closed with ]");
    const char quote = text_[pos_];
    if (quote != '\'' && quote != '"') fail("expected an agent in quotes, like 'self', or ]");
    if (text_.substr(pos_, 3) == std::string(3, quote))
      fail("triple-quoted strings are not supported; quote each agent once");
    std::string value;
    for (++pos_; pos_ < text_.size() && text_[pos_] != quote; ++pos_) {
      char c = text_[pos_];
      if (c == '\n') fail("string not closed on its line");
      if (c == '\\') {
        if (++pos_ >= text_.size()) break;
        c = text_[pos_];
        if (c != '\\' && c != '\'' && c != '"')
          fail("unsupported escape \\" + on_one_line(std::string(1, c)) + " in an agent");
      }
      value += c;
    }
    if (pos_ >= text_.size()) fail("string not closed on its line");
    ++pos_;
    return value;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace

agents_file_result parse_agents_file(std::string_view text) { return agents_reader(text).read(); }

std::vector<std::string> split_agents_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto item = common::python_strip(text.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<std::string> agent_problem(std::string_view agent) {
  if (agent == "self") return std::nullopt;
  const auto url = boost::urls::parse_absolute_uri(agent);
  // nvgpu appends /gpu_status to the text, so a query or fragment would end up in the wrong place.
  if (!url || (url->scheme() != "http" && url->scheme() != "https") || !url->has_authority() ||
      url->host().empty() || url->has_query() || url->has_fragment())
    return "agent " + on_one_line(agent) + " is neither self nor a URL like http://node2:1080";
  return std::nullopt;
}

}  // namespace smistat::config_detail

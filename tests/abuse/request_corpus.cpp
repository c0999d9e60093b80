#include "tests/abuse/request_corpus.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace smistat::test {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/** The position of the `}` closing a \{ that starts its text at `from`, nesting included. */
std::size_t closing_brace(const std::string& text, std::size_t from) {
  int depth = 1;
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      if (text[i + 1] == '{') ++depth;
      ++i;
      continue;
    }
    if (text[i] == '}' && --depth == 0) return i;
  }
  throw std::invalid_argument("unclosed \\{ in corpus text");
}

std::vector<expected_response> parse_expect(const std::string& line) {
  std::vector<expected_response> out;
  std::istringstream words(unescape(line));
  std::string word;
  while (words >> word) {
    expected_response alternatives;
    std::istringstream parts(word);
    std::string part;
    while (std::getline(parts, part, '|'))
      alternatives.insert(part == "close" ? 0u : static_cast<unsigned>(std::stoul(part)));
    out.push_back(std::move(alternatives));
  }
  return out;
}

}  // namespace

std::string unescape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') continue;  // the file's own line breaks are layout
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i == text.size()) throw std::invalid_argument("trailing backslash in corpus text");
    switch (text[i]) {
      case 'r': out += '\r'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '0': out += '\0'; break;
      case '\\': out += '\\'; break;
      case 'x': {
        const int hi = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
        if (hi < 0 || lo < 0) throw std::invalid_argument("bad \\x escape in corpus text");
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        break;
      }
      case '{': {
        const auto colon = text.find(':', i);
        if (colon == std::string::npos) throw std::invalid_argument("bad \\{ in corpus text");
        const auto count = std::stoul(text.substr(i + 1, colon - i - 1));
        const auto end = closing_brace(text, colon + 1);
        const auto piece = unescape(text.substr(colon + 1, end - colon - 1));
        for (unsigned long n = 0; n < count; ++n) out += piece;
        i = end;
        break;
      }
      default: throw std::invalid_argument(std::string("unknown escape \\") + text[i]);
    }
  }
  return out;
}

std::vector<corpus_request> load_corpus(const std::filesystem::path& dir) {
  std::vector<corpus_request> corpus;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    corpus_request r;
    r.name = entry.path().stem().string();
    std::string line;
    std::string body;
    bool has_expect = false;
    while (std::getline(in, line)) {
      if (body.empty() && line.rfind("# expect:", 0) == 0) {
        r.expected = parse_expect(line.substr(9));
        has_expect = true;
      } else if (body.empty() && line.rfind("# ", 0) == 0) {
        if (r.description.empty()) r.description = line.substr(2);
      } else {
        body += line + "\n";
      }
    }
    if (!has_expect || r.expected.empty())
      throw std::invalid_argument(entry.path().string() + ": no '# expect:' line");
    r.bytes = unescape(body);
    corpus.push_back(std::move(r));
  }
  std::sort(corpus.begin(), corpus.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return corpus;
}

std::vector<unsigned> response_statuses(const std::string& bytes) {
  std::vector<unsigned> statuses;
  std::size_t at = 0;
  while (bytes.compare(at, 7, "HTTP/1.") == 0 && at + 12 <= bytes.size()) {
    const auto head_end = bytes.find("\r\n\r\n", at);
    if (head_end == std::string::npos) break;
    statuses.push_back(static_cast<unsigned>(std::stoul(bytes.substr(at + 9, 3))));
    std::string head = bytes.substr(at, head_end - at);
    std::transform(head.begin(), head.end(), head.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::size_t length = 0;
    if (const auto cl = head.find("\r\ncontent-length:"); cl != std::string::npos)
      length = std::stoul(head.substr(cl + 17));
    at = head_end + 4 + length;
  }
  return statuses;
}

}  // namespace smistat::test

#pragma once
// The hostile-request corpus: one file per request under tests/abuse/requests/, each
//
//   # what the request is and why it is hostile
//   # expect: 400|close
//   GET /x HTTP/1.1\r\nHost: x\r\n\r\n
//
// The request is written with escapes so the files stay readable and byte-exact: \r \n \t \0
// \\ \xHH, and \{N:TEXT} for TEXT repeated N times; the file's own line breaks are not part of
// it. `expect` lists the responses in order, separated by spaces; each is a status code or
// alternatives (400|505); `close` means the server closes the connection without (another)
// response.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace smistat::test {

/** One expected response: the statuses that are right for it; 0 stands for `close`. */
using expected_response = std::set<unsigned>;

struct corpus_request {
  std::string name;         ///< the file name without .txt
  std::string description;  ///< the first comment line
  std::string bytes;        ///< what is sent, unescaped
  std::vector<expected_response> expected;
};

/** Expands the escapes above; throws std::invalid_argument on a malformed one. */
std::string unescape(const std::string& text);

/** Every request of `dir`, sorted by name; throws on a file without `# expect:`. */
std::vector<corpus_request> load_corpus(const std::filesystem::path& dir);

/** The statuses of the complete HTTP/1.x responses in `bytes`, in order (bodies framed by
 *  Content-Length); stops at the first thing that is not a response. */
std::vector<unsigned> response_statuses(const std::string& bytes);

}  // namespace smistat::test

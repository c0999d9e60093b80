// Loop mode's `-q -lms N` stream cut into documents (parsers::details_documents), fed as it might
// arrive. Its promises: a document handed out starts at a banner and is text of the stream; fed
// without quiet looks, only documents a banner closed (or the end of the stream) are handed out,
// and a coarser split hands out some of those a byte-by-byte feed does, in order, never others;
// what it hands out parses as a `-q` run's output does.
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/check.hpp"
#include "fuzz/entries.hpp"
#include "parsers/details_documents.hpp"

namespace smistat::fuzz {
namespace {

constexpr std::string_view banner = "==============NVSMI LOG==============";
constexpr std::size_t max_bytes = 64 * 1024;

void check_document(std::string_view input, std::string_view document) {
  expect(document.starts_with(banner), "a document starts at its banner");
  expect(input.find(document) != std::string_view::npos, "a document is text of the stream");
  expect(document.size() <= max_bytes, "a document fits the cap");
  query_details(document);
}

struct outcome {
  std::vector<std::string> documents;
  bool overflowed = false;  ///< where an overlong document is cut depends on the split
};

/** Feeds `input` in pieces of `piece` bytes, an empty look after each when `quiet_looks`, taking
 *  what is handed out after every feed and once the stream ends. */
outcome run(std::string_view input, std::size_t piece, bool quiet_looks) {
  parsers::details_documents documents(max_bytes);
  outcome result;
  auto& out = result.documents;
  const auto take = [&] {
    result.overflowed = documents.take_overflow() || result.overflowed;
    if (const auto d = documents.take()) out.emplace_back(*d);
  };
  for (std::size_t at = 0; at < input.size(); at += piece) {
    documents.feed(input.substr(at, piece));
    take();
    if (quiet_looks) {
      documents.feed({});
      take();
    }
  }
  documents.finish();
  take();
  return result;
}

bool is_subsequence(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
  std::size_t at = 0;
  for (const auto& d : part) {
    while (at < whole.size() && whole[at] != d) ++at;
    if (at == whole.size()) return false;
    ++at;
  }
  return true;
}

}  // namespace

void details_documents(std::string_view input) {
  const auto byte_by_byte = run(input, 1, false);
  for (const auto& d : byte_by_byte.documents) check_document(input, d);
  for (const std::size_t piece : {7u, 4096u}) {
    const auto coarser = run(input, piece, false);
    for (const auto& d : coarser.documents) check_document(input, d);
    if (!byte_by_byte.overflowed && !coarser.overflowed) {
      expect(is_subsequence(coarser.documents, byte_by_byte.documents),
             "a coarser split hands out only documents a byte-by-byte feed does, in order");
      expect(coarser.documents.empty() == byte_by_byte.documents.empty() &&
                 (coarser.documents.empty() ||
                  coarser.documents.back() == byte_by_byte.documents.back()),
             "the newest document does not depend on the split");
    }
  }
  // A quiet look hands out a whole open document again each time it grew: after every 512 bytes
  // that would parse it once per 512 bytes, so the looks come as rarely as samples do.
  for (const std::size_t piece : {512u, 4096u})
    for (const auto& d : run(input, piece, true).documents) check_document(input, d);
}

}  // namespace smistat::fuzz

// Every document a source file cites is in this repository: a comment that sends the reader to
// a Markdown file names one that exists, and none points into a numbered outside spec
// ("§5.4", "6 #11", "section 2.2"). The contracts and the architecture are described under
// docs/, so a reference either resolves there or says the fact itself.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/golden.hpp"

namespace smistat::test {
namespace {

namespace fs = std::filesystem;

const fs::path repo_root = fs::weakly_canonical(fixtures_dir() / "..");

/** The folders whose files may cite documents: the product, its tests and its tools. */
const std::vector<std::string> scanned_folders = {"src",   "parsers", "tests", "fuzz",
                                                  "bench", "tools",   "docs"};

bool is_scanned_file(const fs::path& p) {
  const auto ext = p.extension();
  const auto name = p.filename();
  return ext == ".cpp" || ext == ".hpp" || ext == ".cmake" || ext == ".sh" || ext == ".md" ||
         name == "CMakeLists.txt";
}

struct cited_file {
  fs::path file;
  std::string text;
};

std::vector<cited_file> scanned_files() {
  std::vector<cited_file> files;
  for (const auto& folder : scanned_folders) {
    const auto root = repo_root / folder;
    if (!fs::exists(root)) continue;  // every_scanned_folder_exists reports it
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || !is_scanned_file(entry.path())) continue;
      // This file spells the forbidden shapes out as patterns.
      if (entry.path().filename() == "document_references_test.cpp") continue;
      files.push_back({entry.path(), read_file(entry.path())});
    }
  }
  return files;
}

std::string repo_path(const fs::path& p) { return fs::relative(p, repo_root).generic_string(); }

/** A cited Markdown file resolves against the citing file's folder or the repository root. */
bool resolves(const fs::path& citing_file, const std::string& cited) {
  return fs::exists(citing_file.parent_path() / cited) || fs::exists(repo_root / cited);
}

TEST(document_references, every_scanned_folder_exists) {
  // The scan skips nothing it is told to read: a folder that moved must move here too.
  for (const auto& folder : scanned_folders)
    EXPECT_TRUE(fs::is_directory(repo_root / folder)) << folder << " is not in the repository";
}

TEST(document_references, every_cited_markdown_file_is_in_the_repository) {
  static const std::regex markdown_path(R"re(([A-Za-z0-9_.\-]+/)*[A-Za-z0-9_\-]+\.md\b)re");
  const auto files = scanned_files();
  ASSERT_GT(files.size(), 300u) << "the scan found too few files to be reading the tree";
  for (const auto& [file, text] : files) {
    for (std::sregex_iterator it(text.begin(), text.end(), markdown_path), end; it != end; ++it) {
      const std::string cited = it->str();
      // A URL's path is another site's document, not this repository's.
      const auto before = text.substr(0, static_cast<std::size_t>(it->position()));
      if (before.size() >= 1 && (before.back() == '/' || before.back() == ':')) continue;
      EXPECT_TRUE(resolves(file, cited))
          << repo_path(file) << " cites " << cited << ", which is not in the repository";
    }
  }
}

TEST(document_references, no_numbered_reference_into_an_outside_spec) {
  // \u00a7 is the section sign.
  static const std::regex numbered(
      "\u00a7|api-contracts|\\b[Ss]ection [0-9]+(\\.[0-9]+)*\\b|\\(\\s*[0-9]+ #[0-9]+\\s*\\)|"
      "\\b[0-9]+ #[0-9]+:");
  for (const auto& [file, text] : scanned_files()) {
    std::smatch m;
    EXPECT_FALSE(std::regex_search(text, m, numbered))
        << repo_path(file) << " cites an outside spec by number: \"" << m.str()
        << "\"; cite docs/ or say the fact";
  }
}

}  // namespace
}  // namespace smistat::test

// Releasing the binary's start-up pages: the mapped pages of its read-only segments go, a
// private copy of one (what a debugger's breakpoint or a uprobe makes) stays, and the code
// unmapped runs again afterwards.
#include "src/system/startup_pages.hpp"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace smistat::system {
namespace {

/** A page of constants in the binary's read-only data. */
alignas(4096) const unsigned char constant_page[4096] = {42};

/** The resident kilobytes of this executable's mappings, from /proc/self/smaps. */
std::size_t resident_kib_of_executable() {
  const auto self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::ifstream smaps("/proc/self/smaps");
  std::size_t total = 0;
  bool ours = false;
  for (std::string line; std::getline(smaps, line);) {
    if (line.find('-') < line.find(' ') && line.find(' ') != std::string::npos) {
      ours = line.size() >= self.size() &&
             line.compare(line.size() - self.size(), self.size(), self) == 0;
    } else if (ours && line.rfind("Rss:", 0) == 0) {
      std::istringstream fields(line.substr(4));
      std::size_t kib = 0;
      fields >> kib;
      total += kib;
    }
  }
  return total;
}

TEST(StartupPages, UnmapsTheMappedPagesOfTheReadOnlySegments) {
  const std::size_t before = resident_kib_of_executable();
  const auto pages = release_startup_pages();
  const std::size_t after = resident_kib_of_executable();

  EXPECT_GT(pages.mapped, 0u);
  EXPECT_GT(pages.released, 0u);
  EXPECT_LE(pages.released, pages.mapped);
  // Reading smaps again faults some code back in, far less than was unmapped.
  EXPECT_LT(after, before) << "released " << pages.released / 1024 << " KiB";
  // And everything unmapped runs again: a second pass finds what the first left mapped.
  EXPECT_GT(release_startup_pages().mapped, 0u);
}

TEST(StartupPages, KeepsAPrivateCopyOfAPage) {
  auto* page = const_cast<unsigned char*>(constant_page);
  const auto page_address = reinterpret_cast<std::uintptr_t>(page);
  ASSERT_EQ(page_address % static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE)), 0u);
  ASSERT_EQ(*static_cast<volatile unsigned char*>(page), 42);

  // What a debugger does to set a breakpoint: the page becomes this process's own copy.
  ASSERT_EQ(::mprotect(page, sizeof constant_page, PROT_READ | PROT_WRITE), 0);
  *static_cast<volatile unsigned char*>(page) = 7;
  ASSERT_EQ(::mprotect(page, sizeof constant_page, PROT_READ), 0);

  const auto pages = release_startup_pages();
  EXPECT_GT(pages.released, 0u);
  EXPECT_EQ(*static_cast<volatile unsigned char*>(page), 7) << "the private copy was dropped";
}

}  // namespace
}  // namespace smistat::system

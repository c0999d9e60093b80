#pragma once
// Giving back the pages of code and constants that only start-up needed. Parsing options and
// configuration files, initialising OpenSSL and the loader's pass over the relocation tables
// run once, but the kernel keeps each page they touched, and its neighbours (fault-around),
// mapped for the life of the process: 1.5-3 MB of smistat's idle resident memory.

#include <cstddef>

namespace smistat::system {

/** What release_startup_pages() found and did, in bytes. */
struct released_pages {
  /** Pages of the read-only segments that were mapped. */
  std::size_t mapped = 0;
  /** Those it unmapped. */
  std::size_t released = 0;
};

/** Unmaps the pages of the read-only segments (code, constants, unwind tables, relocation
 *  tables) of this program and its shared libraries that are mapped now and still the file's
 *  own pages. They stay in the page cache; a page that serving needs comes back with a minor
 *  fault on its next use.
 *
 *  A page that is no longer the file's (a debugger's breakpoint, a uprobe, a text relocation
 *  all write a private copy) is kept, since unmapping it would lose the change. Without
 *  /proc/self/pagemap nothing can be told apart, so nothing is released. */
released_pages release_startup_pages();

}  // namespace smistat::system

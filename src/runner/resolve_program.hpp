#pragma once
// Finding the file to exec for a program name, the way execvp would, but without a shell and
// with a clear "not found" instead of a bare ENOENT.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace smistat::runner {

/** A name containing '/' is returned as is (exec reports what is wrong with it); a bare name
 *  is looked up in `search_path` (PATH syntax; empty entries are skipped rather than meaning
 *  the working directory). nullopt when no entry holds an executable regular file. */
std::optional<std::filesystem::path> resolve_program(std::string_view program,
                                                     std::string_view search_path);

/** This process's PATH, or "/usr/bin:/bin" when it is unset. */
std::string current_search_path();

}  // namespace smistat::runner

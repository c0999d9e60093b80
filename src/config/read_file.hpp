#pragma once
// Reading a whole settings file (.env or --config), telling "no file" apart from "cannot read".

#include <optional>
#include <string>

namespace smistat::config_detail {

/** A whole file, or nullopt when there is no regular file at `path`; throws std::system_error
 *  on a read error, so a file that exists but cannot be read is never mistaken for none. */
std::optional<std::string> read_optional_file(const std::string& path);

}  // namespace smistat::config_detail

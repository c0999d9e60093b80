#pragma once
// Where nvidia-smi prints identities that have no shape of their own (a serial is just digits):
// named CSV columns, named `-q` lines and named `-q -x` elements. Pure text rewriting, shared by
// identity_mask.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "src/record/identity_mask.hpp"

namespace smistat::record::detail {

/** Given a field's kind and its recorded value, the value to write instead. */
using replace_value = std::function<std::string(identity_kind, std::string_view)>;

/** The kind of identity a CSV column holds (`serial`, `gpu_serial`, ...); nullopt for others. */
std::optional<identity_kind> csv_column_identity(std::string_view column);

/** The kind of identity a `-q` line's key holds (`Serial Number`, `GPU PDI`, ...). */
std::optional<identity_kind> details_key_identity(std::string_view key);

/** The kind of identity a `-q -x` element holds (`serial`, `pdi`, ...). */
std::optional<identity_kind> xml_element_identity(std::string_view element);

/** False for nvidia-smi's placeholders (`N/A`, `[Not Supported]`, empty): nothing to hide. */
bool is_identity_value(std::string_view value);

/** A `--format=csv` answer with a header: every identity column's cells replaced, every other
 *  byte kept. Text without such a header comes back unchanged. */
std::string mask_csv_columns(std::string_view csv, const replace_value& replace);

/** `-q` text: the value of every `Key : value` line whose key names an identity replaced. */
std::string mask_details_lines(std::string_view text, const replace_value& replace);

/** `-q -x` XML: the text of every `<name>value</name>` whose name holds an identity replaced. */
std::string mask_xml_elements(std::string_view xml, const replace_value& replace);

}  // namespace smistat::record::detail

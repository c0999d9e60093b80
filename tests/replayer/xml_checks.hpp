#pragma once
// Well-formedness checks for the `-q -x` answers.

#include <string>
#include <string_view>

namespace smistat::test {

/** Why `xml` is not a document shaped as nvidia-smi prints one (XML declaration, DOCTYPE,
 *  `<nvidia_smi_log>` root, every tag closed in order, final newline); empty when it is. */
std::string xml_shape_problem(std::string_view xml);

/** Whether `xmllint` (Debian's libxml2-utils) is on PATH. */
bool xmllint_available();

/** xmllint's complaint about `xml`; empty when it parses, or when xmllint is not installed. */
std::string xmllint_problem(std::string_view xml);

}  // namespace smistat::test

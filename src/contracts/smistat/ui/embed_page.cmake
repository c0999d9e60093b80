# Turns the dashboard's source files into one C++ source holding the page as a single HTML
# document: the stylesheet and the scripts are inlined where dashboard.html links them, so the
# page is one response (it loads even when --auth-all asks every request for a key in the URL)
# and needs nothing from anywhere else.
#
#   cmake -DUI_DIR=<src/contracts/smistat/ui> -DOUTPUT=<generated .cpp> -P embed_page.cmake

foreach(var UI_DIR OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "embed_page.cmake needs -D${var}=...")
  endif()
endforeach()

file(READ ${UI_DIR}/dashboard.html page)

# The exact tags dashboard.html uses, so the page also opens from the source tree as it is.
function(inline_file tag file open close)
  string(FIND "${page}" "${tag}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "dashboard.html must contain ${tag} exactly once")
  endif()
  file(READ ${UI_DIR}/${file} text)
  string(REPLACE "${tag}" "${open}\n${text}${close}" page "${page}")
  set(page "${page}" PARENT_SCOPE)
endfunction()
inline_file("<link rel=\"stylesheet\" href=\"dashboard.css\">" dashboard.css "<style>" "</style>")
foreach(script dashboard_owner.js dashboard_xid.js dashboard.js)
  inline_file("<script src=\"${script}\"></script>" ${script} "<script>" "</script>")
endforeach()

set(delimiter "smistat_page")
string(FIND "${page}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "the page contains the raw-string delimiter )${delimiter}\"")
endif()

set(source "// Generated from src/contracts/smistat/ui by embed_page.cmake; edit those files instead.\n")
string(APPEND source "#include \"src/contracts/smistat/ui/embedded_page.hpp\"\n\n")
string(APPEND source "namespace smistat::app::ui {\n\n")
string(APPEND source "const std::string_view dashboard_page = R\"${delimiter}(${page})${delimiter}\";\n\n")
string(APPEND source "}  // namespace smistat::app::ui\n")

# Rewritten only when it changes, so an unrelated reconfigure recompiles nothing.
file(WRITE ${OUTPUT}.tmp "${source}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)

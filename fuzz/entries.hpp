#pragma once
// The fuzz entries: one function per kind of input smistat reads, each feeding the input to the
// real code and checking properties of what comes back (a crash, a sanitizer report or a failed
// property aborts). The libFuzzer targets (fuzz_target.cpp) and the regression test
// (tests/fuzz_regressions) call the same functions, so every kept input stays a test.

#include <span>
#include <string_view>

namespace smistat::fuzz {

/** One fuzz target: its name (the folder of its inputs) and its entry function. */
struct entry {
  std::string_view name;
  void (*run)(std::string_view input);
};

/** Every target, parsers first. */
std::span<const entry> entries() noexcept;

/** The target called `name`; nullptr when there is none. */
const entry* find_entry(std::string_view name) noexcept;

// parsers/: the outputs of nvidia-smi (table_entries.cpp, facts_entries.cpp)
void query_csv(std::string_view input);     ///< --query-gpu CSV, with and without header
void compute_apps(std::string_view input);  ///< --query-compute-apps CSV
void help_query_gpu(std::string_view input);
void list_gpus(std::string_view input);          ///< -L
void banner(std::string_view input);             ///< plain nvidia-smi
void query_details(std::string_view input);      ///< -q
void details_documents(std::string_view input);  ///< loop-mode `-q -lms N` stream, in splits
void version(std::string_view input);            ///< --version
void smi_failure(std::string_view input);        ///< failure texts, as stdout and as stderr
void query_batcher(std::string_view input);      ///< loop-mode stream, fed in several splits
void xid_line(std::string_view input);  ///< kernel log lines with XID reports (xid_entry.cpp)

// src/http: bytes from a client, through the session and the router (http_entry.cpp)
void http_session(std::string_view input);

// src/config: the sources (config_entries.cpp)
void config_dotenv(std::string_view input);
void config_file(std::string_view input);
void config_environment(std::string_view input);  ///< NUL-separated NAME=value entries

}  // namespace smistat::fuzz

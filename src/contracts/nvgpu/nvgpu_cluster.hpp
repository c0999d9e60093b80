#pragma once
// nvgpu's master view, GET /cluster_status: one entry per agent in AGENTS order, the agent's
// JSON as received or {"error": "..."}, written as flask_restful writes it (json.dumps with
// ", " and ": ", ensure_ascii, a trailing newline).

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace smistat::render {

/** What one agent answered, as the master saw it. */
struct agent_answer {
  /** nvgpu's error text ("Host not available", ...); set: the entry is {"error": text}. */
  std::optional<std::string> error;
  /** The agent's JSON body, when there is no error. */
  std::string body;
};

/** The error of an agent whose 200 body is not JSON. The original answered the whole request
 *  with a 500 then; here only that agent's entry says so and the other agents still show. */
inline constexpr std::string_view invalid_json_error = "Bad response (invalid JSON)";

/** The /cluster_status body. */
std::string render_cluster_status(std::span<const agent_answer> answers);

}  // namespace smistat::render

#include "src/app/nvidia_smi_source.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "src/common/log.hpp"
#include "src/runner/resolve_program.hpp"
#include "src/system/own_folder.hpp"

namespace smistat::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* default_replay_machine = "synthetic-8x-h100__590.48.01";

/** nvidia-smi-replay is installed next to smistat (both land in <build>/bin and /usr/bin). */
fs::path replayer_path() {
  const auto dir = system::own_folder();
  return dir.empty() ? fs::path("nvidia-smi-replay") : dir / "nvidia-smi-replay";
}

/** The bundled 8-GPU recording, found relative to the binary: `<prefix>/bin/smistat` reads
 *  `<prefix>/share/smistat/fixtures/...`, both installed and in the build tree (where
 *  share/smistat/fixtures links to the source tree's fixtures). */
fs::path default_replay_dir() {
  return system::own_folder() / ".." / "share" / "smistat" / "fixtures" / default_replay_machine;
}

void warn_recorded(const fs::path& dir) {
  const std::string bar(78, '!');
  log::warning(bar);
  log::warning("SERVING RECORDED DATA, NOT LIVE GPUs: nvidia-smi is replayed from");
  log::warning("  " + dir.string());
  log::warning("Every value below comes from a recording. Run without --replay on a GPU host.");
  log::warning(bar);
}

}  // namespace

nvidia_smi_source choose_nvidia_smi_source(const config& cfg) {
  if (cfg.replay_dir.empty()) return {cfg.nvidia_smi, {}};
  fs::path dir = cfg.replay_dir;
  if (cfg.replay_dir == "auto") {
    if (runner::resolve_program(cfg.nvidia_smi, runner::current_search_path())) {
      log::info("--replay auto: found " + cfg.nvidia_smi + ", serving live data");
      return {cfg.nvidia_smi, {}};
    }
    log::warning("--replay auto: " + cfg.nvidia_smi + " not found on PATH");
    dir = default_replay_dir().lexically_normal();
  }
  std::error_code ec;
  dir = fs::absolute(dir, ec);
  if (!fs::is_directory(dir, ec))
    throw config_error("invalid value \"" + cfg.replay_dir +
                       "\" for --replay: expected a recorded machine folder (see fixtures/)");
  ::setenv("NVIDIA_SMI_REPLAY_DIR", dir.c_str(), 1);
  warn_recorded(dir);
  return {replayer_path().string(), dir.string()};
}

}  // namespace smistat::app

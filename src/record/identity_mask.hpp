#pragma once
// Masks what identifies one physical machine in a recording, so a user can attach it to a bug
// report: GPU, MIG and fabric UUIDs, serial numbers, persistent device ids, fabric GUIDs and the
// host's name. Everything else (models, part numbers, bus ids, values, process names) is kept:
// it is what makes the recording reproduce a bug.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace smistat::record {

/** One file of a machine folder: its fixed name (`list-gpus.txt`) and the command's stdout. */
struct recorded_file {
  std::string name;
  std::string text;
  friend bool operator==(const recorded_file&, const recorded_file&) = default;
};

/** Which identity a replacement stood for; each kind is numbered on its own. */
enum class identity_kind {
  gpu_uuid,
  mig_uuid,
  bare_uuid,
  serial,
  chassis_serial,
  pdi,
  fabric_guid
};

/** Every kind, in the order reports list them. */
inline constexpr identity_kind all_identity_kinds[] = {
    identity_kind::gpu_uuid,   identity_kind::mig_uuid,       identity_kind::bare_uuid,
    identity_kind::serial,     identity_kind::chassis_serial, identity_kind::pdi,
    identity_kind::fabric_guid};

/** The replacement table: the same real value always gets the same fake, in every file. Fakes
 *  keep the value's shape (length, `GPU-` prefix, `0x`, dashes), numbered in order of first
 *  appearance, so GPU n of `-L` becomes `GPU-00000000-0000-0000-0000-00000000000n`. */
class identity_mask {
 public:
  /** `hostnames` are replaced by `redacted-host` where they stand as a whole word (letters,
   *  digits, `-`, `_` and `.` make up a word). */
  explicit identity_mask(std::vector<std::string> hostnames = {});

  /** The file with every identity replaced, learning values it has not seen before. CSV columns,
   *  `-q` lines and `-q -x` elements are recognised by name; UUIDs anywhere by their shape. */
  std::string mask(const recorded_file& file);

  /** The fake standing for `real` of `kind`, numbering it if new. */
  std::string fake_for(identity_kind kind, std::string_view real);

  /** How many distinct values of `kind` were replaced. */
  std::size_t count(identity_kind kind) const;

 private:
  std::string mask_uuids(std::string_view text);
  std::string mask_hostnames(std::string text) const;

  std::vector<std::string> hostnames_;
  std::map<identity_kind, std::map<std::string, std::size_t, std::less<>>> seen_;
};

/** Masks a whole folder's files consistently (returned in the given order): they are read in the
 * order that numbers GPUs by index (`-L` first, then the GPU query, compute apps, `-q`, the rest),
 * so recording the idle and the load state separately gives both the same fakes. */
std::vector<recorded_file> mask_recording(std::vector<recorded_file> files, identity_mask& mask);

/** This machine's host names worth masking: gethostname() and, when qualified, its first label.
 *  `localhost` is left out (it identifies nothing). */
std::vector<std::string> local_hostnames();

}  // namespace smistat::record

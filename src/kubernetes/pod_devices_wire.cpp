#include "src/kubernetes/pod_devices_wire.hpp"

#include <cstdint>

namespace smistat::kubernetes {
namespace {

void put_u32(std::string& out, std::size_t n) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((n >> shift) & 0xff));
}

void put_string(std::string& out, std::string_view s) {
  put_u32(out, s.size());
  out.append(s);
}

/** Reads the encoding front to back; any read past the end leaves `failed` set. */
class reader {
 public:
  explicit reader(std::string_view bytes) : rest_(bytes) {}

  std::uint32_t u32() {
    if (rest_.size() < 4) {
      failed_ = true;
      return 0;
    }
    std::uint32_t n = 0;
    for (int i = 3; i >= 0; --i) n = n << 8 | static_cast<unsigned char>(rest_[i]);
    rest_.remove_prefix(4);
    return n;
  }

  std::string string() {
    const auto size = u32();
    if (failed_ || rest_.size() < size) {
      failed_ = true;
      return {};
    }
    std::string s(rest_.substr(0, size));
    rest_.remove_prefix(size);
    return s;
  }

  /** A count of items each at least `min_bytes` long; refused when the rest cannot hold them,
   *  so that a corrupt count never reserves gigabytes. */
  std::uint32_t count(std::size_t min_bytes) {
    const auto n = u32();
    if (!failed_ && n > rest_.size() / min_bytes) failed_ = true;
    return failed_ ? 0 : n;
  }

  bool failed() const { return failed_; }
  bool at_end() const { return rest_.empty(); }

 private:
  std::string_view rest_;
  bool failed_ = false;
};

}  // namespace

std::string encode_pod_devices(const pod_devices& devices) {
  std::string out;
  put_u32(out, devices.size());
  for (const auto& d : devices) {
    put_string(out, d.namespace_name);
    put_string(out, d.pod);
    put_string(out, d.container);
    put_string(out, d.resource_name);
    put_u32(out, d.device_ids.size());
    for (const auto& id : d.device_ids) put_string(out, id);
  }
  return out;
}

std::optional<pod_devices> decode_pod_devices(std::string_view bytes) {
  reader in(bytes);
  pod_devices out;
  // An entry is at least four empty strings and a count: 20 bytes; an ID at least its length.
  const auto entries = in.count(20);
  out.reserve(entries);
  for (std::uint32_t i = 0; i < entries && !in.failed(); ++i) {
    container_devices d;
    d.namespace_name = in.string();
    d.pod = in.string();
    d.container = in.string();
    d.resource_name = in.string();
    const auto ids = in.count(4);
    for (std::uint32_t j = 0; j < ids && !in.failed(); ++j) d.device_ids.push_back(in.string());
    out.push_back(std::move(d));
  }
  if (in.failed() || !in.at_end()) return std::nullopt;
  return out;
}

}  // namespace smistat::kubernetes

#pragma once
// `nvidia-smi -q -lms N` prints one whole `-q` document every period, each opening with the
// `==============NVSMI LOG==============` banner, and nothing tells where one ends but the next
// banner, a period later. This cuts that stream, read in pieces, into documents and says when
// one can be read: once the next banner closed it, or earlier, once it holds a section for
// every GPU it announced (`Attached GPUs : N`) and a look found the child quiet, so that the
// last GPU's section is not read half-printed. A document that grows after it was read (a
// child that paused within its last section) is read again when it closes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace smistat::parsers {

class details_documents {
 public:
  /** An open document longer than `max_bytes` is dropped (overflowed()). */
  explicit details_documents(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  /** Appends what one look read; empty when the child printed nothing since the last look. */
  void feed(std::string_view bytes);
  /** The child ended: the open document holding every GPU it announced is closed by that. */
  void finish();
  /** Forgets the open document (a new child starts from its own banner). */
  void drop_open();

  /** The newest readable document not handed out yet, valid until the next call of any
   *  member; nullopt when there is none. */
  std::optional<std::string_view> take();

  /** True once since an open document outgrew max_bytes and was dropped. */
  bool take_overflow() noexcept { return std::exchange(overflowed_, false); }

 private:
  void close_open_at(std::size_t end);
  void scan_lines(std::size_t limit);
  bool open_is_whole() const noexcept;

  std::size_t max_bytes_;
  std::string open_;             ///< from the open document's banner (or the stream's start)
  std::string closed_;           ///< the newest closed document not handed out; empty: none
  std::string taken_;            ///< what take() handed out last, kept while its view is in use
  std::size_t handed_size_ = 0;  ///< size of open_ when it was handed out; 0: never
  std::size_t scanned_ = 0;      ///< open_ is scanned for headings up to here
  std::optional<std::size_t> announced_;  ///< `Attached GPUs : N` of the open document
  std::size_t headings_ = 0;              ///< GPU sections opened in the open document
  bool quiet_ = false;                    ///< the last look read nothing
  bool overflowed_ = false;
};

}  // namespace smistat::parsers

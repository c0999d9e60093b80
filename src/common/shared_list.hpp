#pragma once
// A list that copies by sharing: every snapshot carries the process list, the `-q` details and
// the listed GPUs, which change far less often than snapshots are published. Copying one is a
// reference count; a writer replaces the list whole, or edits it through edit(), which first
// makes the list its own when another holder shares it (copy on write). Readers see a const
// std::vector, so loops, spans and functions taking the vector read it unchanged.

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

namespace smistat::common {

template <class T>
class shared_list {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using const_iterator = typename std::vector<T>::const_iterator;
  using iterator = const_iterator;

  shared_list() = default;
  // Implicit, as a vector converts to a span: a vector is assigned where a list is kept.
  shared_list(std::vector<T> items)  // NOLINT(google-explicit-constructor)
      : items_(items.empty() ? nullptr : std::make_shared<std::vector<T>>(std::move(items))) {}
  shared_list(std::initializer_list<T> items) : shared_list(std::vector<T>(items)) {}

  /** The items; an empty list when none were ever set. */
  const std::vector<T>& get() const noexcept { return items_ ? *items_ : none(); }
  operator const std::vector<T>&() const noexcept { return get(); }  // NOLINT

  const_iterator begin() const noexcept { return get().begin(); }
  const_iterator end() const noexcept { return get().end(); }
  size_type size() const noexcept { return get().size(); }
  bool empty() const noexcept { return get().empty(); }
  const T* data() const noexcept { return get().data(); }
  const T& operator[](size_type i) const noexcept { return get()[i]; }
  const T& front() const noexcept { return get().front(); }
  const T& back() const noexcept { return get().back(); }

  /** The items to change, this holder's own: copied first when another holder shares them.
   *  Only for a list no other thread reads through this same object (one being built). */
  std::vector<T>& edit() {
    if (!items_)
      items_ = std::make_shared<std::vector<T>>();
    else if (items_.use_count() > 1)
      items_ = std::make_shared<std::vector<T>>(*items_);
    return *items_;
  }
  void push_back(T item) { edit().push_back(std::move(item)); }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    return edit().emplace_back(std::forward<Args>(args)...);
  }
  void clear() noexcept { items_.reset(); }

  friend bool operator==(const shared_list& a, const shared_list& b) {
    return a.items_ == b.items_ || a.get() == b.get();
  }

 private:
  static const std::vector<T>& none() noexcept {
    static const std::vector<T> empty;
    return empty;
  }

  std::shared_ptr<std::vector<T>> items_;  ///< null when empty; shared by every copy
};

}  // namespace smistat::common

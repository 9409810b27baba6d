#include "kept_reads.h"

namespace core {

KeptTexts::Slot KeptTexts::find_or_claim(std::string_view tag, std::string_view text, size_t largest_kept) {
  for (size_t i = 0; i < kKept; ++i) {
    if (used_[i] && tags_[i] == tag && texts_[i] == text) return {i, false};
  }
  if (text.size() > largest_kept) return {kKept, true};
  size_t i = next_;
  next_ = (next_ + 1) % kKept;
  tags_[i] = tag;
  texts_[i] = text;
  used_[i] = true;
  return {i, true};
}

}  // namespace core

#pragma once
// Reads of a request's body, kept by their text. Every turn of a conversation sees
// the same request, so its later turns find the body read: a read is a pure function
// of the text, so a hit is what a read would return. Bounded in entries and in text, so the core's
// memory stays flat.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace core {

// The texts kept, apart from what was read from them (one copy of this code for every kind of read).
class KeptTexts {
 public:
  static constexpr size_t kKept = 4;
  struct Slot {
    size_t index;  // kKept: the text is too large to keep (the slot is reused by the next such read)
    bool fresh;    // the slot must be read anew
  };
  // `tag` tells apart reads of one text made differently (a body read for its "counts" or "entries").
  Slot find_or_claim(std::string_view tag, std::string_view text, size_t largest_kept);

 private:
  std::array<std::string, kKept> tags_, texts_;
  std::array<bool, kKept> used_{};
  size_t next_ = 0;  // the oldest slot, replaced next
};

template <class Read, size_t kLargestKept>
class KeptReads {
 public:
  // The reference stays valid while the core answers this call.
  template <class ReadText>
  const Read& get(std::string_view tag, std::string_view text, ReadText read) {
    auto slot = texts_.find_or_claim(tag, text, kLargestKept);
    if (slot.fresh) reads_[slot.index] = read(text);
    return reads_[slot.index];
  }

 private:
  KeptTexts texts_;
  std::array<Read, KeptTexts::kKept + 1> reads_;
};

}  // namespace core

// TsFramer's slow path: hunting for sync, riding out corrupt sync bytes, and
// the carry-over buffer. The aligned fast path is inline in ts_framer.h.
//
// Positions are stream offsets (bytes pushed since construction), so a
// decision never depends on where one chunk ended and the next began: when a
// decision needs bytes that have not arrived yet, drain() stops and retries
// on the next push().
#include "dvb/framing/ts_framer.h"

#include <algorithm>
#include <cstring>

namespace dvb {
namespace {

constexpr size_t kStrides[] = {188, 192, 204};
// Bytes of a slot before its sync byte: the M2TS arrival timestamp.
constexpr uint64_t kMaxPrefix = 4;
// Bytes copied per slow-path step while hunting or deciding about a burst;
// enough for the longest lookahead ((kFlywheelSlots + 1) * 204 + 1).
constexpr size_t kSlowBite = 4096;

uint64_t prefixOf(size_t stride) {
  return stride == 192 ? 4 : 0;
}
uint64_t minusOrZero(uint64_t a, uint64_t b) {
  return a > b ? a - b : 0;
}

enum class Verdict { kYes, kNo, kNeedMore };

// Read-only view of the buffered stream bytes [base, end).
struct View {
  const uint8_t* bytes;
  uint64_t base;
  uint64_t end;

  bool has(uint64_t offset) const { return offset < end; }
  bool isSync(uint64_t offset) const { return bytes[offset - base] == kTsSyncByte; }
};

// Does a run of kAcquireSyncs sync bytes start at `first` with this stride?
Verdict syncRunAt(const View& view, uint64_t first, size_t stride) {
  for (int i = 1; i < TsFramer::kAcquireSyncs; ++i) {
    const uint64_t offset = first + static_cast<uint64_t>(i) * stride;
    if (!view.has(offset)) return Verdict::kNeedMore;
    if (!view.isSync(offset)) return Verdict::kNo;
  }
  return Verdict::kYes;
}

struct Burst {
  Verdict verdict;
  uint64_t slots;  // corrupt slots to drop when verdict == kYes
};

// The sync byte at `bad` is corrupt. Does the phase come back within
// kFlywheelSlots slots? The next slot needs no confirmation (a single corrupt
// sync byte); later ones need the slot after them too, so that a lone 0x47 in
// a shifted stream is not taken for the old phase.
Burst phaseReturns(const View& view, uint64_t bad, size_t stride) {
  for (uint64_t k = 1; k <= TsFramer::kFlywheelSlots; ++k) {
    const uint64_t slot = bad + k * stride;
    if (!view.has(slot)) return {Verdict::kNeedMore, 0};
    if (!view.isSync(slot)) continue;
    if (k == 1) return {Verdict::kYes, k};
    if (!view.has(slot + stride)) return {Verdict::kNeedMore, 0};
    if (view.isSync(slot + stride)) return {Verdict::kYes, k};
  }
  return {Verdict::kNo, 0};
}

// Counts the bytes in [*covered, offset) as skipped.
void skipUpTo(uint64_t offset, uint64_t* covered, uint64_t* skipped) {
  if (offset <= *covered) return;
  *skipped += offset - *covered;
  *covered = offset;
}

}  // namespace

bool TsFramer::hunt() {
  const View view{buffer_.data(), base_, fed_};
  uint64_t candidate = pos_;
  while (candidate < fed_) {
    const uint8_t* from = buffer_.data() + (candidate - base_);
    const void* hit = std::memchr(from, kTsSyncByte, static_cast<size_t>(fed_ - candidate));
    if (hit == nullptr) {
      candidate = fed_;
      break;
    }
    candidate += static_cast<uint64_t>(static_cast<const uint8_t*>(hit) - from);
    // Strides are tried in a fixed order, and a stride that needs more bytes
    // is waited for, so the choice never depends on chunk boundaries.
    for (size_t stride : kStrides) {
      const Verdict verdict = syncRunAt(view, candidate, stride);
      if (verdict == Verdict::kNo) continue;
      pos_ = candidate;
      if (verdict == Verdict::kNeedMore) return false;
      stride_ = stride;
      skipUpTo(minusOrZero(pos_, prefixOf(stride_)), &covered_, &bytes_skipped_);
      return true;
    }
    ++candidate;
  }
  pos_ = candidate;
  return false;
}

void TsFramer::drain(std::vector<size_t>* packet_offsets) {
  finished_stride_ = 0;
  const View view{buffer_.data(), base_, fed_};
  for (;;) {
    if (stride_ == 0 && !hunt()) break;
    if (!view.has(pos_)) break;
    if (view.isSync(pos_)) {
      if (fed_ - pos_ < kTsPacketSize) break;
      const uint64_t slot_start = minusOrZero(pos_, prefixOf(stride_));
      skipUpTo(slot_start, &covered_, &bytes_skipped_);
      covered_ = std::max(covered_, slot_start + stride_);
      packet_offsets->push_back(static_cast<size_t>(pos_ - base_));
      ++packets_;
      pos_ += stride_;
      continue;
    }
    const Burst burst = phaseReturns(view, pos_, stride_);
    if (burst.verdict == Verdict::kNeedMore) break;
    if (burst.verdict == Verdict::kYes) {
      sync_errors_ += burst.slots;
      pos_ += burst.slots * stride_;
      continue;
    }
    // The phase is gone: hunt again from the byte after the corrupt sync
    // byte, so packets at a new phase right behind it are not lost.
    ++sync_errors_;
    stride_ = 0;
    pos_ += 1;
  }
  // Bytes before the earliest possible start of the next slot are settled.
  const uint64_t next_slot =
      stride_ != 0 ? minusOrZero(pos_, prefixOf(stride_)) : minusOrZero(pos_, kMaxPrefix);
  skipUpTo(next_slot, &covered_, &bytes_skipped_);
}

void TsFramer::compact() {
  const uint64_t keep_from = std::min(pos_, fed_);
  if (keep_from > base_) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<ptrdiff_t>(keep_from - base_));
    base_ = keep_from;
  }
  if (buffer_.empty()) base_ = fed_;
}

size_t TsFramer::wanted() const {
  if (stride_ == 0) return kSlowBite;
  const bool sync_unknown_or_good = pos_ >= fed_ || buffer_[pos_ - base_] == kTsSyncByte;
  if (!sync_unknown_or_good) return kSlowBite;
  // Exactly up to the end of this slot, so the buffer empties once the packet
  // is delivered and the fast path takes over again.
  const uint64_t slot_end = minusOrZero(pos_, prefixOf(stride_)) + stride_;
  return static_cast<size_t>(std::max<uint64_t>(1, minusOrZero(slot_end, fed_)));
}

void TsFramer::noteFastPackets(uint64_t count, uint64_t next_sync) {
  pos_ = next_sync;
  if (count == 0) return;
  packets_ += count;
  covered_ = std::max(covered_, minusOrZero(next_sync, prefixOf(stride_)));
}

void TsFramer::shortStream(std::vector<size_t>* packet_offsets) {
  // Only a stream that never locked and is still buffered whole from its first
  // sync byte; a stream long enough to lock had its chance at the rule above.
  if (stride_ != 0 || packets_ != 0 || sync_errors_ != 0) return;
  const View view{buffer_.data(), base_, fed_};
  for (size_t stride : kStrides) {
    const uint64_t slots = fed_ / stride;
    const uint64_t first = prefixOf(stride);
    if (slots == 0 || slots >= static_cast<uint64_t>(kAcquireSyncs) || slots * stride != fed_ ||
        base_ > first)
      continue;
    bool consistent = true;
    for (uint64_t k = 0; k < slots && consistent; ++k) consistent = view.isSync(first + k * stride);
    if (!consistent) continue;
    for (uint64_t k = 0; k < slots; ++k)
      packet_offsets->push_back(static_cast<size_t>(first + k * stride - base_));
    // The whole stream is these slots: nothing was skipped.
    packets_ = slots;
    bytes_skipped_ = 0;
    covered_ = fed_;
    stride_ = stride;
    return;
  }
}

void TsFramer::finish() {
  if (stride_ != 0) {
    // Whole slots still waiting for a burst decision: their sync bytes were
    // expected and corrupt.
    for (uint64_t slot = pos_; slot + kTsPacketSize <= fed_; slot += stride_) {
      if (buffer_[slot - base_] == kTsSyncByte) break;
      ++sync_errors_;
    }
  }
  skipUpTo(fed_, &covered_, &bytes_skipped_);
  buffer_.clear();
  base_ = fed_;
  pos_ = fed_;
  finished_stride_ = stride_;
  stride_ = 0;
}

}  // namespace dvb

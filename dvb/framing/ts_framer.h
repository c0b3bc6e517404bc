#pragma once
// Finds 188-byte transport-stream packets in an arbitrary byte stream.
//
// Accepts plain 188-byte packets, 192-byte M2TS packets (4-byte timestamp
// prefix) and 204-byte packets (16 Reed-Solomon bytes appended); the stride is
// detected from the data. Bytes arrive in chunks of any size (file reads, UDP
// datagrams); partial packets are carried over between calls, and the result
// never depends on how the stream was cut into chunks. Garbage is skipped and
// the framer resynchronises (in the spirit of ETSI TR 101 290, 1.1
// TS_sync_loss / 1.2 Sync_byte_error). No I/O.
//
// Synchronisation rules:
// - Acquisition: kAcquireSyncs (5) sync bytes in a row at one stride, as TR
//   101 290 recommends. A stream shorter than that (a 2-packet capture of a
//   NIT) is delivered by finish(on_packet) only when it is whole slots of one
//   stride from its first byte to its last, each with its sync byte.
// - A corrupt sync byte while locked counts one sync error. If the very next
//   slot has its sync byte, the corrupt slot is dropped and the phase kept.
// - Burst (flywheel): if the phase comes back within kFlywheelSlots slots and
//   is confirmed by the slot after it, every corrupt slot in between is dropped
//   and counts one sync error; the phase is kept. This rides out a corrupted
//   IP datagram (7 packets) without locking onto 0x47 bytes inside the damage.
// - Otherwise the lock is lost (one sync error) and the hunt restarts at the
//   byte after the first corrupt sync byte, so a shifted stream loses nothing.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dvb/ts_packet.h"

namespace dvb {

class TsFramer {
 public:
  static constexpr int kAcquireSyncs = 5;
  static constexpr int kFlywheelSlots = 8;

  // Calls on_packet(const uint8_t* packet) once per 188-byte packet that
  // starts with 0x47. The pointer is valid only during the call. Packets come
  // out in stream order; a packet may wait for a few more bytes (at most about
  // ten slots) when a decision needs lookahead.
  template <typename OnPacket>
  void push(const uint8_t* data, size_t size, OnPacket&& on_packet);

  // Call at end of stream: a trailing partial packet is counted in
  // bytesSkipped() and dropped, as is anything still waiting for lookahead.
  // The counters keep their values; a later push() starts a new hunt.
  void finish();
  // finish(), after delivering a short stream (fewer than kAcquireSyncs
  // slots, never locked) whose every slot has its sync byte.
  template <typename OnPacket>
  void finish(OnPacket&& on_packet);

  // Detected stride: 188, 192 or 204; 0 while not synchronised. After
  // finish(), the stride of the last lock (0 if there was none).
  size_t stride() const { return stride_ != 0 ? stride_ : finished_stride_; }
  // Slots where a sync byte was expected and something else was found.
  uint64_t syncErrors() const { return sync_errors_; }
  // Bytes not delivered as part of a packet's slot (garbage, dropped slots,
  // partial packets). After finish(), a stream at one stride S gives
  // packets() * S + bytesSkipped() == bytes pushed.
  uint64_t bytesSkipped() const { return bytes_skipped_; }
  uint64_t packets() const { return packets_; }

 private:
  // The slow path, in ts_framer.cpp. drain() hunts, checks and decides over
  // buffer_, appending the offsets (into buffer_) of the packets to deliver.
  void drain(std::vector<size_t>* packet_offsets);
  // Looks for kAcquireSyncs sync bytes in a row from pos_; true once locked.
  bool hunt();
  // Drops the buffered bytes that drain() no longer needs.
  void compact();
  // How many more bytes the slow path wants before drain() can progress.
  size_t wanted() const;
  // After the fast path delivered `count` packets and stopped at stream offset `next_sync`.
  void noteFastPackets(uint64_t count, uint64_t next_sync);
  // The offsets (into buffer_) of a whole short stream's packets, if it is one.
  void shortStream(std::vector<size_t>* packet_offsets);

  std::vector<uint8_t> buffer_;  // stream bytes [base_, base_ + buffer_.size())
  std::vector<size_t> offsets_;
  uint64_t base_ = 0;           // stream offset of buffer_[0]
  uint64_t fed_ = 0;            // stream offset just past the last byte pushed
  uint64_t pos_ = 0;            // locked: next sync byte; hunting: next candidate
  uint64_t covered_ = 0;        // stream offset up to which bytes are delivered or skipped
  size_t stride_ = 0;           // 0 while hunting
  size_t finished_stride_ = 0;  // stride_ when finish() was called
  uint64_t sync_errors_ = 0;
  uint64_t bytes_skipped_ = 0;
  uint64_t packets_ = 0;
};

template <typename OnPacket>
void TsFramer::push(const uint8_t* data, size_t size, OnPacket&& on_packet) {
  while (size > 0) {
    if (buffer_.empty() && stride_ != 0) {
      // Fast path: aligned, nothing carried over. Walk the caller's bytes in
      // place; pos_ >= fed_ here, and fed_ is the stream offset of data[0].
      const size_t step = stride_;
      const uint64_t ahead = pos_ - fed_;
      if (ahead >= size) {  // the bytes between this slot's packet and the next sync
        fed_ += size;
        return;
      }
      size_t i = static_cast<size_t>(ahead);
      uint64_t count = 0;
      while (i + kTsPacketSize <= size && data[i] == kTsSyncByte) {
        on_packet(static_cast<const uint8_t*>(data + i));
        i += step;
        ++count;
      }
      noteFastPackets(count, fed_ + i);
      if (i >= size) {
        fed_ += size;
        return;
      }
      fed_ += i;
      data += i;
      size -= i;
    }
    // Slow path: a partial packet, a corrupt sync byte or a hunt. Copy a
    // bounded bite so the fast path resumes as soon as things settle.
    size_t take = wanted();
    if (take > size) take = size;
    if (buffer_.empty()) base_ = fed_;
    buffer_.insert(buffer_.end(), data, data + take);
    fed_ += take;
    data += take;
    size -= take;
    offsets_.clear();
    drain(&offsets_);
    for (size_t offset : offsets_) on_packet(static_cast<const uint8_t*>(buffer_.data() + offset));
    compact();
  }
}

template <typename OnPacket>
void TsFramer::finish(OnPacket&& on_packet) {
  offsets_.clear();
  shortStream(&offsets_);
  for (size_t offset : offsets_) on_packet(static_cast<const uint8_t*>(buffer_.data() + offset));
  finish();
}

}  // namespace dvb

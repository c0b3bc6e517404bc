#include "dvb/section_assembler.h"

#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include <dvbpsi/dvbpsi.h>
#include <dvbpsi/psi.h>
}

namespace dvb {

struct SectionAssemblerPid {
  const SectionAssembler::OnSection* on_section = nullptr;
  uint16_t pid = 0;
  dvbpsi_t* handle = nullptr;
  SectionErrors errors;
  // Taint from packets with transport_error_indicator: the section in
  // progress holds bytes from one; the next section completed in this push is
  // tainted. A tainted section without CRC_32 is dropped (nothing vouches for
  // its bytes); one with a CRC has been checked by libdvbpsi already.
  bool in_progress_tainted = false;
  bool next_gather_tainted = false;
  bool packet_tainted = false;
  bool gathered_in_push = false;

  ~SectionAssemblerPid() {
    if (handle == nullptr) return;
    dvbpsi_decoder_delete(handle->p_decoder);
    handle->p_decoder = nullptr;
    dvbpsi_delete(handle);
  }
};

namespace {

// libdvbpsi reports dropped sections only through its message callback; the
// text is the one place that tells a CRC failure from other damage.
void onMessage(dvbpsi_t* handle, const dvbpsi_msg_level_t level, const char* msg) {
  if (level != DVBPSI_MSG_ERROR || handle->p_sys == nullptr) return;
  auto* d = static_cast<SectionAssemblerPid*>(handle->p_sys);
  if (std::strstr(msg, "CRC_32") != nullptr)
    ++d->errors.crc_errors;
  else if (std::strstr(msg, "too long") != nullptr)
    ++d->errors.malformed;
  // "TS discontinuity" / "TS duplicate" are counted by StreamHealth for every PID.
}

// The raw decoder hands over each complete section; we own it from here.
void onGather(dvbpsi_t* handle, dvbpsi_psi_section_t* raw) {
  auto* d = static_cast<SectionAssemblerPid*>(handle->p_sys);
  const size_t size = static_cast<size_t>(raw->i_length) + 3;
  std::vector<uint8_t> bytes(raw->p_data, raw->p_data + size);
  const bool has_crc = dvbpsi_has_CRC32(raw);
  dvbpsi_DeletePSISections(raw);
  const bool tainted = d->next_gather_tainted;
  d->next_gather_tainted = d->packet_tainted;  // later sections start in this packet
  d->gathered_in_push = true;
  if (tainted && !has_crc) {
    ++d->errors.malformed;
    return;
  }
  std::string error;
  auto section = Section::fromBytes(std::move(bytes), &error);
  if (!section) {
    ++d->errors.malformed;
    return;
  }
  (*d->on_section)(d->pid, std::move(*section));
}

}  // namespace

SectionAssembler::SectionAssembler(OnSection on_section) : on_section_(std::move(on_section)) {}

SectionAssembler::~SectionAssembler() = default;

void SectionAssembler::addPid(uint16_t pid, size_t max_section_size) {
  if (hasPid(pid)) return;
  auto d = std::make_unique<SectionAssemblerPid>();
  d->on_section = &on_section_;
  d->pid = pid;
  d->handle = dvbpsi_new(&onMessage, DVBPSI_MSG_ERROR);
  d->handle->p_sys = d.get();
  d->handle->p_decoder = static_cast<dvbpsi_decoder_t*>(dvbpsi_decoder_new(
      &onGather, static_cast<int>(max_section_size), true, sizeof(dvbpsi_decoder_t)));
  decoders_.emplace(pid, std::move(d));
}

void SectionAssembler::removePid(uint16_t pid) {
  decoders_.erase(pid);
}

void SectionAssembler::push(const uint8_t* packet, const TsHeader& header) {
  auto it = decoders_.find(header.pid);
  if (it == decoders_.end()) return;
  SectionAssemblerPid& d = *it->second;
  dvbpsi_decoder_t* decoder = d.handle->p_decoder;

  if (header.has_payload && header.payload_unit_start) {
    const unsigned pointer = packet[header.payload_offset];
    if (header.payload_offset + 1u + pointer > 188u) {
      ++d.errors.malformed;  // pointer_field beyond the packet: libdvbpsi would read past it
      return;
    }
    // libdvbpsi would keep filling an unfinished section past the point where
    // the pointer_field says a new one begins; cut it off here instead.
    if (decoder->p_current_section != nullptr && decoder->i_need > static_cast<int>(pointer)) {
      dvbpsi_DeletePSISections(decoder->p_current_section);
      decoder->p_current_section = nullptr;
      d.in_progress_tainted = false;
      ++d.errors.malformed;
    }
  }
  d.packet_tainted = header.transport_error;
  d.next_gather_tainted = d.in_progress_tainted || d.packet_tainted;
  d.gathered_in_push = false;
  dvbpsi_packet_push(d.handle, const_cast<uint8_t*>(packet));
  // What is in progress now either continues (keeps its taint) or began in
  // this packet (tainted if this packet is).
  const bool continued = !d.gathered_in_push;
  d.in_progress_tainted = decoder->p_current_section != nullptr &&
                          (d.packet_tainted || (continued && d.in_progress_tainted));
}

SectionErrors SectionAssembler::errors(uint16_t pid) const {
  auto it = decoders_.find(pid);
  return it == decoders_.end() ? SectionErrors{} : it->second->errors;
}

SectionErrors SectionAssembler::totalErrors() const {
  SectionErrors total;
  for (const auto& entry : decoders_) {
    total.crc_errors += entry.second->errors.crc_errors;
    total.malformed += entry.second->errors.malformed;
  }
  return total;
}

}  // namespace dvb

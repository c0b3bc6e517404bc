#pragma once
// CRC-32/MPEG-2 as used by PSI/SI sections (ISO/IEC 13818-1, Annex A):
// polynomial 0x04C11DB7, initial value 0xFFFFFFFF, no reflection, no final XOR.
// A section including its CRC_32 field checks to 0.
#include <cstddef>
#include <cstdint>

namespace dvb {

uint32_t crc32Mpeg2(const uint8_t* data, size_t size, uint32_t crc = 0xFFFFFFFFu);

}  // namespace dvb

#pragma once
// PIDs and table_ids fixed by ISO/IEC 13818-1 (2.4.4) and EN 300 468 (5.1.3, Table 2).
#include <cstdint>

namespace dvb {

namespace pid {
constexpr uint16_t kPat = 0x0000;
constexpr uint16_t kCat = 0x0001;
constexpr uint16_t kNit = 0x0010;
constexpr uint16_t kSdt = 0x0011;  // SDT and BAT
constexpr uint16_t kEit = 0x0012;
constexpr uint16_t kTdt = 0x0014;  // TDT and TOT
}  // namespace pid

namespace table_id {
constexpr uint8_t kPat = 0x00;
constexpr uint8_t kCat = 0x01;
constexpr uint8_t kPmt = 0x02;
constexpr uint8_t kNitActual = 0x40;
constexpr uint8_t kNitOther = 0x41;
constexpr uint8_t kSdtActual = 0x42;
constexpr uint8_t kSdtOther = 0x46;
constexpr uint8_t kEitFirst = 0x4E;
constexpr uint8_t kEitLast = 0x6F;
constexpr uint8_t kTdt = 0x70;
constexpr uint8_t kTot = 0x73;
}  // namespace table_id

}  // namespace dvb

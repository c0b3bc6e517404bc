#pragma once
// Every size and count limit of the notice protocol, in one place; the
// encoder and decoder enforce the same numbers (docs/protocol.md, "Limits").
#include <cstddef>
#include <cstdint>

namespace dvb::notice::limits {

constexpr size_t kMaxSectionSize = 4096;      // private section, header and CRC included
constexpr size_t kMaxSectionsPerObject = 16;  // section_number 0..15
constexpr size_t kMaxBodySize = 60000;        // bytes of an object body
constexpr size_t kMaxAreas = 64;
constexpr size_t kMaxNodes = 64;
constexpr size_t kMaxIds = 1000;  // box ids, and smartcard ids, per notice
constexpr size_t kMaxIdLength = 32;
constexpr size_t kMaxPhoneLength = 24;
constexpr size_t kMaxTexts = 8;  // languages per notice
constexpr size_t kMaxTitleBytes = 120;
constexpr size_t kMaxBodyTextBytes = 2048;
constexpr uint16_t kMaxLeadMinutes = 7 * 24 * 60;
constexpr uint16_t kMaxCrawlContinuousMinutes = 7 * 24 * 60;  // an emergency's own crawl
constexpr uint16_t kMaxCrawlEveryMinutes = 24 * 60;
constexpr size_t kMaxFeeRecords = 1500;  // per bucket batch
constexpr size_t kMaxPackageBytes = 64;
constexpr size_t kMaxAddressBytes = 200;
constexpr size_t kMaxNameBytes = 64;
constexpr size_t kMaxCalendarEntries = 366;
constexpr size_t kMaxKeys = 16;
constexpr size_t kMaxRevokedKeys = 64;
constexpr size_t kMaxPublicKeyDer = 200;

}  // namespace dvb::notice::limits

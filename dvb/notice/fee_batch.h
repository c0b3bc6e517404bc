#pragma once
// Fee-expiry records, batched by hash bucket: the body of a signed object on
// table_id 0xC1 whose table_id_extension is the bucket (docs/protocol.md,
// "Fee records"). A box computes its bucket from its own subscriber id and
// assembles only that table.
#include <cstdint>
#include <string>
#include <vector>

#include "dvb/dvb_text.h"
#include "dvb/mjd_time.h"

namespace dvb::notice {

struct FeeRecord {
  std::string subscriber_id;  // smartcard id (or box id where no card is used)
  UtcSeconds paid_until = 0;  // a date: midnight UTC of the last paid day
  uint32_t amount_due = 0;    // minor units (fen, cents)
  std::string currency;       // ISO 4217, e.g. "CNY"
  DvbText package;            // package name, Annex A text
};

struct FeeBatch {
  uint16_t bucket_count = 1;  // N in bucket = CRC-32/MPEG-2(subscriber_id) mod N
  uint16_t bucket = 0;        // must equal table_id_extension and the object id
  std::vector<FeeRecord> records;
  const FeeRecord* find(const std::string& subscriber_id) const;
};

// The bucket a subscriber's record travels in.
uint16_t feeBucketOf(const std::string& subscriber_id, uint16_t bucket_count);

}  // namespace dvb::notice

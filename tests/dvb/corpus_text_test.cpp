// Real broadcast text through the Annex A decoder: the event names of the
// captures' EIT sections (short_event_descriptor, EN 300 468 6.2.37), found
// by the SI demux. Undecodable names must degrade, never turn into garbage.
#include <gtest/gtest.h>

#include "dvb/byte_reader.h"
#include "dvb/framing/ts_framer.h"
#include "dvb/si_demux.h"
#include "dvb/table_ids.h"
#include "tests/support/corpus.h"

namespace dvb {
namespace {

struct EventNames : SiListener {
  std::vector<text::DecodedText> names;
  void onOtherSection(uint16_t pid, const Section& s) override {
    if (pid != pid::kEit || s.tableId() < table_id::kEitFirst || s.tableId() > table_id::kEitLast)
      return;
    ByteReader r(s.payload(), s.payloadSize());
    r.skip(6);  // transport_stream_id, original_network_id, segment_last, last_table_id
    while (r.ok() && !r.atEnd()) {
      r.skip(10);  // event_id, start_time, duration
      ByteReader loop = r.sub(r.u16() & 0x0FFF);
      while (loop.ok() && !loop.atEnd()) {
        const uint8_t tag = loop.u8();
        ByteReader body = loop.sub(loop.u8());
        if (tag != 0x4D) continue;
        body.skip(3);  // ISO 639 language code
        const uint8_t length = body.u8();
        const uint8_t* name = body.bytes(length);
        if (name) names.push_back(text::decode(name, length));
      }
    }
  }
};

std::vector<text::DecodedText> eventNames(const std::string& file) {
  EventNames listener;
  SiDemuxOptions options;
  options.eit = true;
  SiDemux demux(listener, options);
  TsFramer framer;
  const auto bytes = testing_support::readFile(testing_support::corpusPath(file));
  framer.push(bytes.data(), bytes.size(), [&](const uint8_t* p) { demux.pushPacket(p); });
  return listener.names;
}

TEST(CorpusText, FreesatHuffmanNameIsUndecodableNotGarbage) {
  const auto names = eventNames("test-142.ts");
  bool pointless = false, undecodable = false;
  for (const auto& n : names) {
    pointless |= n.utf8 == "Pointless";
    if (n.undecodable) {
      undecodable = true;
      EXPECT_TRUE(n.utf8.empty());
    }
  }
  EXPECT_TRUE(pointless);
  EXPECT_TRUE(undecodable);
}

TEST(CorpusText, FrenchEventNamesDecodeCleanly) {
  // Most names carry the 0x05 selector (ISO 8859-9); none may need a replacement character.
  const auto names = eventNames("test-184.ts");
  ASSERT_GT(names.size(), 1000u);
  size_t with_accents = 0;
  for (const auto& n : names) {
    EXPECT_FALSE(n.undecodable);
    EXPECT_EQ(n.replaced, 0u) << n.utf8;
    with_accents += n.utf8.find("é") != std::string::npos;
  }
  EXPECT_GT(with_accents, 10u);
}

}  // namespace
}  // namespace dvb

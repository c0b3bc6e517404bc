// The section path end to end on synthetic streams: packetizer -> SiDemux
// (libdvbpsi reassembly, gathering, decoding) and the health counters.
#include "dvb/si_demux.h"

#include <gtest/gtest.h>

#include "dvb/section_packetizer.h"
#include "dvb/table_ids.h"

namespace dvb {
namespace {

struct Recorder : SiListener {
  std::vector<Pat> pats;
  std::vector<std::pair<uint16_t, Pmt>> pmts;
  std::vector<Sdt> sdts;
  std::vector<Tdt> tdts;
  std::vector<Tot> tots;
  std::vector<std::pair<uint16_t, std::vector<uint8_t>>> others;
  std::vector<std::pair<uint16_t, std::vector<Section>>> tables;  // gathered private tables
  std::vector<std::string> errors;
  void onPat(const Pat& p) override { pats.push_back(p); }
  void onPmt(uint16_t pid, const Pmt& p) override { pmts.push_back({pid, p}); }
  void onSdt(const Sdt& s) override { sdts.push_back(s); }
  void onTdt(const Tdt& t) override { tdts.push_back(t); }
  void onTot(const Tot& t) override { tots.push_back(t); }
  void onOtherSection(uint16_t pid, const Section& s) override {
    others.push_back({pid, s.bytes()});
  }
  void onPrivateTable(uint16_t pid, const std::vector<Section>& t) override {
    tables.push_back({pid, t});
  }
  void onTableError(uint16_t, uint8_t, const std::string& why) override { errors.push_back(why); }
};

void feed(SiDemux& demux, const std::vector<uint8_t>& ts) {
  ASSERT_EQ(ts.size() % 188, 0u);
  for (size_t i = 0; i < ts.size(); i += 188) demux.pushPacket(ts.data() + i);
}

Pat samplePat(uint8_t version = 0) {
  Pat pat;
  pat.transport_stream_id = 42;
  pat.version = version;
  pat.programs = {{1, 0x100}, {2, 0x200}};
  return pat;
}

Tdt tdtAt(const char* iso) {
  return Tdt{*parseIso8601(iso)};
}

TEST(SiDemux, RepetitionsAreDeliveredOnceAndVersionChangesAgain) {
  Recorder rec;
  SiDemux demux(rec);
  SectionPacketizer pat_out(pid::kPat);
  std::vector<uint8_t> ts;
  for (int i = 0; i < 5; ++i) pat_out.packetize(samplePat(0).encode(), &ts);
  pat_out.packetize(samplePat(1).encode(), &ts);
  feed(demux, ts);
  ASSERT_EQ(rec.pats.size(), 2u);
  EXPECT_EQ(rec.pats[0].version, 0);
  EXPECT_EQ(rec.pats[1].version, 1);
  EXPECT_EQ(demux.health().repetition(RepeatedTable::kPat).arrivals, 6u);
}

TEST(SiDemux, PmtPidsFollowThePat) {
  Recorder rec;
  SiDemux demux(rec);
  SectionPacketizer pat_out(pid::kPat), pmt_out(0x100), stray(0x300);
  Pmt pmt;
  pmt.program_number = 1;
  pmt.streams.push_back({0x05, 0x1F00, {}});
  std::vector<uint8_t> ts;
  pmt_out.packetize(pmt.encode(), &ts);  // before the PAT: not yet wanted
  pat_out.packetize(samplePat().encode(), &ts);
  stray.packetize(pmt.encode(), &ts);  // PID 0x300 is not in the PAT
  pmt_out.packetize(pmt.encode(), &ts);
  feed(demux, ts);
  ASSERT_EQ(rec.pmts.size(), 1u);
  EXPECT_EQ(rec.pmts[0].first, 0x100);
  EXPECT_EQ(rec.pmts[0].second.streams[0].elementary_pid, 0x1F00);
}

TEST(SiDemux, MultiSectionTableAcrossManyPackets) {
  Recorder rec;
  SiDemux demux(rec);
  Sdt sdt;
  sdt.transport_stream_id = 1;
  sdt.original_network_id = 2;
  for (uint16_t i = 0; i < 150; ++i) {
    Sdt::Service svc;
    svc.service_id = i;
    ServiceDescriptor sd;
    std::string error;
    ASSERT_TRUE(DvbText::fromUtf8("Service " + std::to_string(i), text::Charset::Iso6937,
                                  &sd.service_name, &error));
    svc.descriptors.push_back(*sd.encode());
    sdt.services.push_back(svc);
  }
  const auto sections = sdt.encode();
  ASSERT_GE(sections.size(), 3u);
  SectionPacketizer out(pid::kSdt);
  std::vector<uint8_t> ts;
  out.packetize(sections, &ts);
  feed(demux, ts);
  ASSERT_EQ(rec.sdts.size(), 1u);
  ASSERT_EQ(rec.sdts[0].services.size(), 150u);
  EXPECT_EQ(rec.sdts[0].services[149].serviceDescriptor({})->service_name.utf8, "Service 149");
}

TEST(SiDemux, BadCrcIsCountedAndTheTableDropped) {
  Recorder rec;
  SiDemux demux(rec);
  auto bytes = samplePat().encode()[0].bytes();
  bytes[9] ^= 0x40;  // flip a bit of a PMT PID; CRC now wrong
  std::string error;
  SectionPacketizer out(pid::kPat);
  std::vector<uint8_t> ts;
  out.packetize({*Section::fromBytes(bytes, &error)}, &ts);
  feed(demux, ts);
  EXPECT_TRUE(rec.pats.empty());
  EXPECT_EQ(demux.sectionErrors(pid::kPat).crc_errors, 1u);
}

TEST(SiDemux, ContinuityGapDropsThePartialSectionAndIsCounted) {
  Recorder rec;
  SiDemux demux(rec);
  Sdt sdt;
  for (uint16_t i = 0; i < 100; ++i) sdt.services.push_back({i, false, false, 4, false, {}});
  SectionPacketizer out(pid::kSdt);
  std::vector<uint8_t> ts;
  out.packetize(sdt.encode(), &ts);
  ASSERT_EQ(ts.size(), 3 * 188u);
  ts.erase(ts.begin() + 188, ts.begin() + 2 * 188);  // lose the middle packet
  feed(demux, ts);
  EXPECT_TRUE(rec.sdts.empty());  // the section's head and tail are not glued together
  EXPECT_EQ(demux.health().pid(pid::kSdt).continuity_errors, 1u);
  EXPECT_EQ(demux.sectionErrors(pid::kSdt).crc_errors, 0u);

  std::vector<uint8_t> again;  // the next repetition is whole and arrives
  out.packetize(sdt.encode(), &again);
  feed(demux, again);
  ASSERT_EQ(rec.sdts.size(), 1u);
  EXPECT_EQ(rec.sdts[0].services.size(), 100u);
}

TEST(SiDemux, JunkAfterASectionDoesNotSwallowTheNextOne) {
  // As in test-120: after each TDT the packet holds bytes that look like the
  // start of a long section; the next packet starts a new TDT.
  Recorder rec;
  SiDemux demux(rec);
  SectionPacketizer out(pid::kTdt);
  std::vector<uint8_t> ts;
  for (int i = 0; i < 3; ++i) {
    const size_t at = ts.size();
    out.packetize(tdtAt(i == 0   ? "2022-09-22T15:33:07Z"
                        : i == 1 ? "2022-09-22T15:33:09Z"
                                 : "2022-09-22T15:33:11Z")
                      .encode(),
                  &ts);
    // Table 0x1E claiming 0x523 bytes (over the 1024 limit), or 0x050 bytes
    // (under it: only the next pointer_field shows it is cut short).
    const uint8_t junk[2][4] = {{0x1E, 0x75, 0x23, 0xEA}, {0x1E, 0x70, 0x50, 0xEA}};
    std::copy(junk[i % 2], junk[i % 2] + 4, ts.begin() + static_cast<long>(at + 5 + 8));
  }
  feed(demux, ts);
  ASSERT_EQ(rec.tdts.size(), 3u);
  EXPECT_EQ(formatIso8601(rec.tdts[2].utc), "2022-09-22T15:33:11Z");
  EXPECT_GE(demux.sectionErrors(pid::kTdt).malformed, 2u);
}

TEST(SiDemux, AdaptationFieldOverrunIsRejected) {
  Recorder rec;
  SiDemux demux(rec);
  std::vector<uint8_t> packet(188, 0xFF);
  packet[0] = 0x47;
  packet[1] = 0x40;  // PUSI, PID 0
  packet[2] = 0x00;
  packet[3] = 0x30;  // adaptation + payload
  packet[4] = 190;   // longer than the packet
  demux.pushPacket(packet.data());
  packet[4] = 0;
  packet[5] = 250;  // pointer_field past the end
  demux.pushPacket(packet.data());
  EXPECT_EQ(demux.malformedPackets(), 1u);
  EXPECT_EQ(demux.sectionErrors(pid::kPat).malformed, 1u);
  EXPECT_TRUE(rec.pats.empty());
}

TEST(SiDemux, TdtTotAndPrivateSectionsAreDelivered) {
  Recorder rec;
  SiDemux demux(rec);
  demux.addSectionPid(0x1F00);
  Tot tot;
  tot.utc = *parseIso8601("2026-11-29T02:00:00Z");
  SectionPacketizer time_out(pid::kTdt), private_out(0x1F00);
  std::vector<uint8_t> ts;
  time_out.packetize({tdtAt("2026-11-29T02:00:00Z").encode().at(0), tot.encode().at(0)}, &ts);
  const auto priv = Section::makeLong(0xC0, 7, 1, 0, 0, std::vector<uint8_t>(3000, 0xAB), true);
  private_out.packetize({priv}, &ts);
  private_out.packetize({priv}, &ts);
  feed(demux, ts);
  ASSERT_EQ(rec.tdts.size(), 1u);
  ASSERT_EQ(rec.tots.size(), 1u);
  EXPECT_EQ(rec.tots[0].utc, tot.utc);
  ASSERT_EQ(rec.others.size(), 2u);  // every repetition of a private section
  EXPECT_EQ(rec.others[0].second, priv.bytes());
}

// ------------------------------------------------------------ gathered private tables

constexpr uint16_t kPrivatePid = 0x1F00;

// Section NUMBER of LAST+1 of table TABLE_ID/EXTENSION, version VERSION.
Section privateSection(uint8_t table_id, uint16_t extension, uint8_t version, uint8_t number = 0,
                       uint8_t last = 0) {
  std::vector<uint8_t> payload(200, static_cast<uint8_t>(number));
  return Section::makeLong(table_id, extension, version, number, last, payload, true);
}

// Gathers table 0xC0 (any extension) and 0xC1 only while `fee` is set.
struct PrivateDemux {
  Recorder rec;
  bool fee = false;
  std::vector<std::pair<uint16_t, uint8_t>> asked;  // (pid, table_id) the filter was asked about
  SiDemux demux{rec, options()};
  SectionPacketizer out{kPrivatePid};

  PrivateDemux() { demux.addSectionPid(kPrivatePid); }
  SiDemuxOptions options() {
    SiDemuxOptions o;
    o.gather = [this](uint16_t pid, uint8_t table_id, uint16_t) {
      asked.push_back({pid, table_id});
      return table_id == 0xC0 || (table_id == 0xC1 && fee);
    };
    return o;
  }
  void send(const std::vector<Section>& sections) {
    std::vector<uint8_t> ts;
    out.packetize(sections, &ts);
    feed(demux, ts);
  }
};

TEST(SiDemuxPrivateTables, OnlyTablesTheFilterAcceptsArriveGathered) {
  PrivateDemux d;
  const Section wanted = privateSection(0xC0, 7, 1);
  const Section other = privateSection(0xC3, 7, 1);
  d.send({wanted, other, wanted, other});
  ASSERT_EQ(d.rec.tables.size(), 1u);  // once, not per repetition
  EXPECT_EQ(d.rec.tables[0].first, kPrivatePid);
  ASSERT_EQ(d.rec.tables[0].second.size(), 1u);
  EXPECT_EQ(d.rec.tables[0].second[0].bytes(), wanted.bytes());
  // What the filter refuses still arrives, section by section, every time.
  ASSERT_EQ(d.rec.others.size(), 2u);
  EXPECT_EQ(d.rec.others[0].second, other.bytes());
  EXPECT_EQ(d.asked.size(), 4u);
  EXPECT_EQ(d.asked[0], std::make_pair(kPrivatePid, uint8_t{0xC0}));
  EXPECT_TRUE(d.rec.errors.empty());
}

TEST(SiDemuxPrivateTables, ANewVersionIsDeliveredAgainAndSoIsTheOldOneAfterIt) {
  PrivateDemux d;
  d.send({privateSection(0xC0, 7, 1), privateSection(0xC0, 7, 1)});
  d.send({privateSection(0xC0, 7, 2), privateSection(0xC0, 7, 2)});
  d.send({privateSection(0xC0, 7, 1)});  // a headend rolled back
  d.send({privateSection(0xC0, 8, 1)});  // another extension: another table
  ASSERT_EQ(d.rec.tables.size(), 4u);
  EXPECT_EQ(d.rec.tables[0].second[0].version(), 1);
  EXPECT_EQ(d.rec.tables[1].second[0].version(), 2);
  EXPECT_EQ(d.rec.tables[2].second[0].version(), 1);
  EXPECT_EQ(d.rec.tables[3].second[0].extension(), 8);
}

TEST(SiDemuxPrivateTables, AMultiSectionTableIsDeliveredOnceWholeAndInOrder) {
  PrivateDemux d;
  const Section s0 = privateSection(0xC0, 7, 1, 0, 2), s1 = privateSection(0xC0, 7, 1, 1, 2),
                s2 = privateSection(0xC0, 7, 1, 2, 2);
  d.send({s2, s0});  // a carousel joined in the middle
  EXPECT_TRUE(d.rec.tables.empty());
  d.send({s1, s2, s0, s1});
  ASSERT_EQ(d.rec.tables.size(), 1u);
  ASSERT_EQ(d.rec.tables[0].second.size(), 3u);
  for (uint8_t i = 0; i < 3; ++i) EXPECT_EQ(d.rec.tables[0].second[i].number(), i);
  EXPECT_TRUE(d.rec.others.empty());
}

TEST(SiDemuxPrivateTables, ATableRefusedUntilNowIsGatheredOnceAccepted) {
  PrivateDemux d;
  const Section s0 = privateSection(0xC1, 3, 1, 0, 1), s1 = privateSection(0xC1, 3, 1, 1, 1);
  d.send({s0});  // refused: not gathered, so not waiting for its second half
  d.fee = true;
  d.send({s1});
  EXPECT_TRUE(d.rec.tables.empty());
  d.send({s0});
  ASSERT_EQ(d.rec.tables.size(), 1u);
  EXPECT_EQ(d.rec.tables[0].second.size(), 2u);
  // Refused and accepted again, the version already delivered is not again.
  d.fee = false;
  d.send({s0, s1});
  d.fee = true;
  d.send({s0, s1});
  EXPECT_EQ(d.rec.tables.size(), 1u);
}

TEST(SiDemuxPrivateTables, ABadCrcIsCountedAndTheNextRepetitionCompletesTheTable) {
  PrivateDemux d;
  const Section s0 = privateSection(0xC0, 7, 1, 0, 1), s1 = privateSection(0xC0, 7, 1, 1, 1);
  std::vector<uint8_t> bytes = s1.bytes();
  bytes[20] ^= 0x01;  // CRC_32 left as it was
  std::string error;
  d.send({s0, *Section::fromBytes(bytes, &error)});
  EXPECT_TRUE(d.rec.tables.empty());
  EXPECT_EQ(d.demux.sectionErrors(kPrivatePid).crc_errors, 1u);
  d.send({s1});
  ASSERT_EQ(d.rec.tables.size(), 1u);
  EXPECT_EQ(d.rec.tables[0].second[1].bytes(), s1.bytes());
}

TEST(SiDemuxPrivateTables, AShortSectionOnAGatheredTableIdIsAnError) {
  PrivateDemux d;
  d.send({Section::makeShort(0xC0, std::vector<uint8_t>(20, 1), false)});
  EXPECT_TRUE(d.rec.tables.empty());
  EXPECT_TRUE(d.rec.others.empty());
  ASSERT_EQ(d.rec.errors.size(), 1u);
  EXPECT_NE(d.rec.errors[0].find("short-syntax"), std::string::npos);
}

TEST(SiDemuxPrivateTables, PushedSectionsAreGatheredTheSameWay) {
  PrivateDemux d;
  d.demux.pushSection(kPrivatePid, privateSection(0xC0, 7, 1, 1, 1));
  d.demux.pushSection(kPrivatePid, privateSection(0xC0, 7, 1, 0, 1));
  d.demux.pushSection(kPrivatePid, privateSection(0xC0, 7, 1, 0, 1));
  d.demux.pushSection(kPrivatePid, privateSection(0xC3, 7, 1));
  ASSERT_EQ(d.rec.tables.size(), 1u);
  EXPECT_EQ(d.rec.tables[0].second.size(), 2u);
  EXPECT_EQ(d.rec.others.size(), 1u);
}

TEST(SiDemuxPrivateTables, ARegisteredStreamIsGatheredToo) {
  Recorder rec;
  SiDemuxOptions o;
  o.follow_registration = 0x5354424E;  // "STBN"
  o.gather = [](uint16_t, uint8_t table_id, uint16_t) { return table_id == 0xC0; };
  SiDemux demux(rec, o);
  Pmt pmt;
  pmt.program_number = 1;
  pmt.streams.push_back({0x05, kPrivatePid, {Descriptor{0x05, {'S', 'T', 'B', 'N'}}}});
  SectionPacketizer pat_out(pid::kPat), pmt_out(0x100), private_out(kPrivatePid);
  std::vector<uint8_t> ts;
  private_out.packetize({privateSection(0xC0, 7, 1)}, &ts);  // before the PMT: not read
  pat_out.packetize(samplePat().encode(), &ts);
  pmt_out.packetize(pmt.encode(), &ts);
  private_out.packetize({privateSection(0xC0, 7, 1), privateSection(0xC0, 7, 1)}, &ts);
  feed(demux, ts);
  ASSERT_EQ(rec.tables.size(), 1u) << (rec.errors.empty() ? "" : rec.errors[0]);
  EXPECT_EQ(rec.tables[0].first, kPrivatePid);
}

// Packets carrying only a PCR on PID 0x100, at `ms` of stream time.
void appendPcr(std::vector<uint8_t>* ts, uint64_t ms, uint8_t* cc) {
  std::vector<uint8_t> p(188, 0xFF);
  p[0] = 0x47;
  p[1] = 0x01;
  p[2] = 0x00;
  p[3] = static_cast<uint8_t>(0x20 | (*cc & 0x0F));  // adaptation only: CC does not advance
  p[4] = 183;
  p[5] = 0x10;  // PCR_flag
  const uint64_t base = ms * 90;
  p[6] = static_cast<uint8_t>(base >> 25);
  p[7] = static_cast<uint8_t>(base >> 17);
  p[8] = static_cast<uint8_t>(base >> 9);
  p[9] = static_cast<uint8_t>(base >> 1);
  p[10] = static_cast<uint8_t>(((base & 1) << 7) | 0x7E);
  p[11] = 0;
  ts->insert(ts->end(), p.begin(), p.end());
}

TEST(StreamHealth, PatRepetitionGapsInStreamTime) {
  Recorder rec;
  SiDemux demux(rec);
  SectionPacketizer pat_out(pid::kPat);
  std::vector<uint8_t> ts;
  uint8_t cc = 0;
  for (uint64_t ms : {0, 100, 200, 300, 1300, 1400}) {  // one 1000 ms hole
    appendPcr(&ts, ms, &cc);
    pat_out.packetize(samplePat().encode(), &ts);
  }
  feed(demux, ts);
  const RepetitionStats pat = demux.health().repetition(RepeatedTable::kPat);
  EXPECT_EQ(pat.arrivals, 6u);
  ASSERT_TRUE(pat.max_gap_ms);
  EXPECT_EQ(*pat.max_gap_ms, 1000u);
  EXPECT_EQ(pat.gaps_over_limit, 1u);
  EXPECT_EQ(demux.health().pid(0x100).continuity_errors, 0u);
}

TEST(StreamHealth, TeiAndDuplicatePackets) {
  Recorder rec;
  SiDemux demux(rec);
  SectionPacketizer pat_out(pid::kPat);
  std::vector<uint8_t> ts;
  pat_out.packetize(samplePat().encode(), &ts);
  ts.insert(ts.end(), ts.begin(), ts.begin() + 188);  // one duplicate: allowed
  ts.insert(ts.end(), ts.begin(), ts.begin() + 188);  // a second one: an error
  pat_out.packetize(samplePat().encode(), &ts);
  ts[ts.size() - 188 + 1] |= 0x80;  // TEI on a packet whose CC is in sequence
  feed(demux, ts);
  EXPECT_EQ(demux.health().pid(0).continuity_errors, 1u);
  EXPECT_EQ(demux.health().pid(0).tei_packets, 1u);
  EXPECT_EQ(rec.pats.size(), 1u);
}

TEST(SiDemux, SectionsFromTeiPacketsNeedACrcToBeTrusted) {
  Recorder rec;
  SiDemux demux(rec);
  SectionPacketizer pat_out(pid::kPat), time_out(pid::kTdt);
  std::vector<uint8_t> ts;
  pat_out.packetize(samplePat(3).encode(), &ts);
  time_out.packetize(tdtAt("2026-11-29T02:00:00Z").encode(), &ts);
  time_out.packetize(tdtAt("2026-11-29T02:00:01Z").encode(), &ts);
  for (size_t i = 0; i < 2; ++i) ts[i * 188 + 1] |= 0x80;  // TEI on the PAT and first TDT
  feed(demux, ts);
  ASSERT_EQ(rec.pats.size(), 1u);  // its CRC_32 checks: kept
  ASSERT_EQ(rec.tdts.size(), 1u);  // no CRC on a TDT: the damaged one is dropped
  EXPECT_EQ(formatIso8601(rec.tdts[0].utc), "2026-11-29T02:00:01Z");
  EXPECT_EQ(demux.sectionErrors(pid::kTdt).malformed, 1u);
}

}  // namespace
}  // namespace dvb

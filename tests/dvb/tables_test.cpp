// Tables: decode hand-written sections, then encode -> decode -> encode
// round trips compared byte for byte.
#include <gtest/gtest.h>

#include "dvb/table_ids.h"
#include "dvb/tables/nit.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/sdt.h"
#include "dvb/tables/tdt.h"
#include "dvb/tables/tot.h"

namespace dvb {
namespace {

Section sectionFrom(std::vector<uint8_t> bytes) {
  std::string error;
  auto s = Section::fromBytes(std::move(bytes), &error);
  EXPECT_TRUE(s) << error;
  return *s;
}

TEST(Pat, DecodesARealSection) {
  const Section s = sectionFrom({0x00, 0xB0, 0x0D, 0x00, 0x01, 0xC1, 0x00, 0x00, 0x00, 0x01, 0xF0,
                                 0x00, 0x2A, 0xB1, 0x04, 0xB2});
  ASSERT_TRUE(s.crcValid());
  std::string error;
  const auto pat = Pat::decode({s}, &error);
  ASSERT_TRUE(pat) << error;
  EXPECT_EQ(pat->transport_stream_id, 1);
  EXPECT_EQ(pat->version, 0);
  ASSERT_EQ(pat->programs.size(), 1u);
  EXPECT_EQ(pat->programs[0].program_number, 1);
  EXPECT_EQ(pat->programs[0].pmt_pid, 0x1000);
  EXPECT_FALSE(pat->network_pid);
  // Our encoder writes the very same bytes.
  EXPECT_EQ(pat->encode()[0].bytes(), s.bytes());
}

TEST(Pat, ManyProgramsSpanSectionsAndRoundTrip) {
  Pat pat;
  pat.transport_stream_id = 0x1770;
  pat.version = 7;
  pat.network_pid = 0x10;
  for (uint16_t i = 1; i <= 600; ++i) pat.programs.push_back({i, static_cast<uint16_t>(0x100 + i)});
  const auto sections = pat.encode();
  ASSERT_EQ(sections.size(), 3u);  // 601 entries * 4 bytes over 1012-byte payloads
  for (const auto& s : sections) {
    EXPECT_LE(s.bytes().size(), kMaxPsiSectionSize);
    EXPECT_TRUE(s.crcValid());
  }
  std::string error;
  const auto back = Pat::decode(sections, &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->programs, pat.programs);
  EXPECT_EQ(back->network_pid, pat.network_pid);
  EXPECT_EQ(back->version, 7);
  const auto again = back->encode();
  for (size_t i = 0; i < sections.size(); ++i) EXPECT_EQ(again[i].bytes(), sections[i].bytes());
}

TEST(Pat, RejectsMixedOrMissingSections) {
  Pat pat;
  for (uint16_t i = 1; i <= 600; ++i) pat.programs.push_back({i, 0x100});
  auto sections = pat.encode();
  std::string error;
  EXPECT_FALSE(Pat::decode({sections[0], sections[2]}, &error));
  EXPECT_FALSE(error.empty());
}

TEST(Pmt, RoundTripsStreamsAndDescriptors) {
  Pmt pmt;
  pmt.program_number = 101;
  pmt.version = 3;
  pmt.pcr_pid = 0x100;
  pmt.descriptors.push_back({0x09, {0x0B, 0x00, 0xE1, 0x00}});  // CA descriptor
  pmt.streams.push_back({0x02, 0x100, {}});
  pmt.streams.push_back({0x04, 0x101, {{0x0A, {'s', 'p', 'a', 0x00}}}});
  pmt.streams.push_back({0x05, 0x1F00, {{0x05, {'S', 'T', 'B', 'N'}}}});
  const auto sections = pmt.encode();
  ASSERT_EQ(sections.size(), 1u);
  std::string error;
  const auto back = Pmt::decode(sections, &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->pcr_pid, 0x100);
  ASSERT_EQ(back->streams.size(), 3u);
  EXPECT_EQ(back->streams[2].stream_type, 0x05);
  EXPECT_EQ(back->streams[2].elementary_pid, 0x1F00);
  EXPECT_EQ(back->streams[1].descriptors, pmt.streams[1].descriptors);
  EXPECT_EQ(back->descriptors, pmt.descriptors);
  EXPECT_EQ(back->encode()[0].bytes(), sections[0].bytes());
}

TEST(Pmt, RejectsADescriptorLoopThatOverrunsTheSection) {
  // program_info_length says 0x20 bytes but the section holds 2.
  const auto s =
      Section::makeLong(table_id::kPmt, 1, 0, 0, 0, {0xE1, 0x00, 0xF0, 0x20, 0x0A, 0x00});
  std::string error;
  EXPECT_FALSE(Pmt::decode({s}, &error));
  EXPECT_NE(error.find("overrun"), std::string::npos) << error;
}

TEST(Nit, NameAndTransportStreamsRoundTrip) {
  Nit nit;
  nit.network_id = 0x0110;
  nit.version = 2;
  nit.descriptors.push_back({0x40, {'M', 'e', 'd', 'i', 'a', 's', 'e', 't'}});
  for (uint16_t i = 0; i < 200; ++i)
    nit.transport_streams.push_back({i, 0x0110, {{0x41, {0x00, 0x01, 0x01}}}});
  const auto sections = nit.encode();
  EXPECT_GT(sections.size(), 1u);
  std::string error;
  const auto back = Nit::decode(sections, &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->networkName({})->utf8, "Mediaset");
  EXPECT_EQ(back->transport_streams.size(), 200u);
  EXPECT_EQ(back->descriptors, nit.descriptors);  // network descriptors once, not per section
  const auto again = back->encode();
  ASSERT_EQ(again.size(), sections.size());
  for (size_t i = 0; i < sections.size(); ++i) EXPECT_EQ(again[i].bytes(), sections[i].bytes());
}

TEST(Sdt, ServicesWithGb2312NamesRoundTrip) {
  Sdt sdt;
  sdt.transport_stream_id = 6000;
  sdt.original_network_id = 272;
  ServiceDescriptor sd;
  sd.service_type = 0x01;
  std::string error;
  ASSERT_TRUE(DvbText::fromUtf8("江西有线", text::Charset::Gb2312, &sd.provider_name, &error));
  ASSERT_TRUE(DvbText::fromUtf8("江西卫视", text::Charset::Gb2312, &sd.service_name, &error));
  Sdt::Service svc;
  svc.service_id = 1;
  svc.running_status = 4;
  svc.eit_present_following = true;
  svc.descriptors.push_back(*sd.encode());
  sdt.services.push_back(svc);
  const auto sections = sdt.encode();
  const auto back = Sdt::decode(sections, &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->original_network_id, 272);
  ASSERT_EQ(back->services.size(), 1u);
  const auto name = back->services[0].serviceDescriptor({});
  ASSERT_TRUE(name);
  EXPECT_EQ(name->service_name.utf8, "江西卫视");
  EXPECT_EQ(name->provider_name.utf8, "江西有线");
  EXPECT_EQ(back->services[0].running_status, 4);
  EXPECT_TRUE(back->services[0].eit_present_following);
  EXPECT_EQ(back->encode()[0].bytes(), sections[0].bytes());
}

TEST(Sdt, RejectsServiceLoopOverrun) {
  // One service whose descriptors_loop_length (0x0FF) runs past the section.
  const auto s = Section::makeLong(table_id::kSdtActual, 1, 0, 0, 0,
                                   {0x01, 0x10, 0xFF, 0x00, 0x01, 0xFC, 0x80, 0xFF, 0x48, 0x01});
  std::string error;
  EXPECT_FALSE(Sdt::decode({s}, &error));
}

TEST(Tdt, DecodesHandWrittenBytesAndRoundTrips) {
  const Section s = sectionFrom({0x70, 0x70, 0x05, 0xC0, 0x79, 0x12, 0x45, 0x00});
  std::string error;
  const auto tdt = Tdt::decode({s}, &error);
  ASSERT_TRUE(tdt) << error;
  EXPECT_EQ(formatIso8601(tdt->utc), "1993-10-13T12:45:00Z");
  EXPECT_EQ(tdt->encode().at(0).bytes(), s.bytes());
}

TEST(Tdt, AcceptsClearedReservedBitsButNotAWrongLength) {
  std::string error;
  EXPECT_TRUE(Tdt::decode({sectionFrom({0x70, 0x00, 0x05, 0xC0, 0x79, 0x12, 0x45, 0x00})}, &error));
  EXPECT_FALSE(
      Tdt::decode({sectionFrom({0x70, 0x70, 0x06, 0xC0, 0x79, 0x12, 0x45, 0x00, 0x00})}, &error));
}

TEST(Tot, LocalTimeOffsetsRoundTripBothPolarities) {
  Tot tot;
  tot.utc = *parseIso8601("2018-02-13T12:35:05Z");
  LocalTimeOffsetDescriptor lto;
  lto.entries.push_back({"ITA", 0, 60, *parseIso8601("2018-03-25T01:00:00Z"), 120});
  lto.entries.push_back({"BRA", 3, -180, *parseIso8601("2018-11-04T03:00:00Z"), -120});
  const auto d = lto.encode();
  ASSERT_TRUE(d);
  tot.descriptors.push_back(*d);
  const auto sections = tot.encode();
  ASSERT_EQ(sections.size(), 1u);
  std::string error;
  const auto back = Tot::decode(sections, &error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->utc, tot.utc);
  EXPECT_EQ(back->localTimeOffsets(), lto.entries);
  EXPECT_EQ(back->encode().at(0).bytes(), sections[0].bytes());
}

TEST(Tot, RejectsABadCrc) {
  Tot tot;
  tot.utc = *parseIso8601("2021-09-05T19:29:35Z");
  auto bytes = tot.encode().at(0).bytes();
  bytes[4] ^= 0x01;
  std::string error;
  EXPECT_FALSE(Tot::decode({sectionFrom(bytes)}, &error));
  EXPECT_NE(error.find("CRC"), std::string::npos);
}

TEST(LocalTimeOffset, RejectsBadBcdAndBadCountry) {
  Descriptor d{0x58, {'I', 'T', 'A', 0x02, 0x01, 0x00, 0xC0, 0x79, 0x12, 0x45, 0x00, 0x02, 0x00}};
  EXPECT_TRUE(LocalTimeOffsetDescriptor::decode(d, nullptr));
  d.data[5] = 0x7A;  // minutes "7A"
  EXPECT_FALSE(LocalTimeOffsetDescriptor::decode(d, nullptr));
  d.data[5] = 0x00;
  d.data[0] = 0x01;
  EXPECT_FALSE(LocalTimeOffsetDescriptor::decode(d, nullptr));
  d.data.pop_back();
  EXPECT_FALSE(LocalTimeOffsetDescriptor::decode(d, nullptr));
}

// ---- one shape --------------------------------------------------------------
// Every table decodes from its sections, encodes to sections and describes
// itself, so one template drives them all.

template <typename Table>
void expectRoundTrip(const Table& table) {
  const std::vector<Section> sections = table.encode();
  ASSERT_FALSE(sections.empty());
  std::string error;
  const auto back = Table::decode(sections, &error);
  ASSERT_TRUE(back) << error;
  const std::vector<Section> again = back->encode();
  ASSERT_EQ(again.size(), sections.size());
  for (size_t i = 0; i < sections.size(); ++i) EXPECT_EQ(again[i].bytes(), sections[i].bytes());
}

Tot chinaTot() {
  Tot tot;
  tot.utc = *parseIso8601("2026-11-29T02:00:00Z");
  LocalTimeOffsetDescriptor lto;
  lto.entries.push_back({"CHN", 0, 480, *parseIso8601("2030-01-01T00:00:00Z"), 480});
  tot.descriptors.push_back(*lto.encode());
  return tot;
}

TEST(TableShape, EveryTableRoundTripsEncodeDecodeEncode) {
  Pat pat;
  pat.transport_stream_id = 9;
  pat.programs.push_back({1, 0x1001});
  expectRoundTrip(pat);
  Pmt pmt;
  pmt.program_number = 1;
  pmt.streams.push_back({0x05, 0x1F00, {{0x05, {'S', 'T', 'B', 'N'}}}});
  expectRoundTrip(pmt);
  Nit nit;
  nit.actual = false;
  nit.transport_streams.push_back({1, 2, {}});
  expectRoundTrip(nit);
  Sdt sdt;
  sdt.actual = false;
  sdt.services.push_back({});
  expectRoundTrip(sdt);
  expectRoundTrip(Tdt{*parseIso8601("2026-11-29T02:00:00Z")});
  expectRoundTrip(chinaTot());
}

template <typename Table>
std::string decodeError(const std::vector<Section>& sections) {
  std::string error;
  EXPECT_FALSE(Table::decode(sections, &error));
  return error;
}

TEST(TableShape, EveryDecodeErrorNamesItsTable) {
  EXPECT_EQ(decodeError<Pat>({}), "PAT: no sections");
  EXPECT_EQ(decodeError<Pmt>({}), "PMT: no sections");
  EXPECT_EQ(decodeError<Nit>({}), "NIT: no sections");
  EXPECT_EQ(decodeError<Sdt>({}), "SDT: no sections");
  EXPECT_EQ(decodeError<Tdt>({}), "TDT: not exactly one section");
  EXPECT_EQ(decodeError<Tot>({}), "TOT: not exactly one section");
  const auto tdt = Tdt{*parseIso8601("2026-11-29T02:00:00Z")}.encode();
  EXPECT_EQ(decodeError<Pat>(tdt), "PAT: unexpected table_id");
  EXPECT_EQ(decodeError<Tot>(tdt), "TOT: not a short section with table_id 0x73");
  EXPECT_EQ(decodeError<Tdt>(chinaTot().encode()),
            "TDT: not a 5-byte short section with table_id 0x70");
}

TEST(TableShape, TimesOutsideTheMjdWindowEncodeToNoSections) {
  const UtcSeconds too_late = *parseIso8601("2200-01-01T00:00:00Z");  // window ends 2128
  EXPECT_TRUE(Tdt{too_late}.encode().empty());
  Tot tot = chinaTot();
  tot.utc = too_late;
  EXPECT_TRUE(tot.encode().empty());
}

TEST(Tdt, DescribesItsTime) {
  EXPECT_EQ(Tdt{*parseIso8601("1993-10-13T12:45:00Z")}.describe(), "TDT 1993-10-13T12:45:00Z\n");
}

TEST(Tot, DescribesEveryOffsetAndWhyADescriptorIsMalformed) {
  Tot tot = chinaTot();
  LocalTimeOffsetDescriptor lto;
  lto.entries.push_back({"BRA", 3, -180, *parseIso8601("2018-11-04T03:00:00Z"), -120});
  tot.descriptors.push_back(*lto.encode());
  tot.descriptors.push_back({LocalTimeOffsetDescriptor::kTag, {'I', 'T', 'A'}});
  tot.descriptors.push_back({0x41, {}});  // not a local_time_offset_descriptor: not shown
  EXPECT_EQ(tot.describe(),
            "TOT 2026-11-29T02:00:00Z\n"
            "  CHN region 0 offset +08:00, from 2030-01-01T00:00:00Z +08:00\n"
            "  BRA region 3 offset -03:00, from 2018-11-04T03:00:00Z -02:00\n"
            "  local_time_offset_descriptor: length 3 is not a multiple of 13\n");
}

TEST(Sdt, DescribesServicesWithAndWithoutAServiceDescriptor) {
  Sdt sdt;
  sdt.transport_stream_id = 1;
  sdt.original_network_id = 0x0360;
  ServiceDescriptor sd;
  sd.service_type = 0x01;
  std::string error;
  ASSERT_TRUE(DvbText::fromUtf8("RTVE", text::Charset::Iso6937, &sd.provider_name, &error));
  ASSERT_TRUE(DvbText::fromUtf8("La 1", text::Charset::Iso6937, &sd.service_name, &error));
  Sdt::Service svc;
  svc.service_id = 103;
  svc.descriptors.push_back(*sd.encode());
  sdt.services.push_back(svc);
  svc.service_id = 104;
  svc.descriptors.clear();
  sdt.services.push_back(svc);
  EXPECT_EQ(sdt.describe({}),
            "SDT actual onid 864 tsid 1 version 0, 2 services\n"
            "  service   103 type 0x01 \"La 1\" provider \"RTVE\"\n"
            "  service   104 type 0x00 \"\" provider \"\"\n");
}

}  // namespace
}  // namespace dvb

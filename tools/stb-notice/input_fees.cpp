// $.fee_records -> one fee batch per hash bucket, empty ones included, table
// 0xC1 (docs/protocol.md 2.2): object_id = bucket = feeBucketOf(subscriber_id).
#include <map>

#include "dvb/notice/limits.h"
#include "tools/stb-notice/input_readers.h"

namespace tools::notice {
namespace {

using dvb::notice::Ascii;
using dvb::notice::FeeRecord;
namespace limits = dvb::notice::limits;

std::optional<FeeRecord> readRecord(JsonReader& r, const Node& n) {
  const size_t problems = r.problemCount();
  if (!r.object(n,
                {"subscriber_id", "paid_until", "amount_due", "currency", "package", "charset"}) &&
      !n.value->is_object())
    return std::nullopt;
  FeeRecord rec;
  if (auto m = r.member(n, "subscriber_id", true))
    rec.subscriber_id = r.ascii(*m, Ascii::kIdentifier, 1, limits::kMaxIdLength,
                                "1 to 32 characters A-Z a-z 0-9 - _ . :")
                            .value_or("");
  if (auto m = r.member(n, "paid_until", true)) rec.paid_until = r.date(*m).value_or(0);
  if (auto v = r.integerAt(n, "amount_due", 0, 0xFFFFFFFF))
    rec.amount_due = static_cast<uint32_t>(*v);
  if (auto m = r.member(n, "currency", true))
    rec.currency =
        r.ascii(*m, Ascii::kLetters, 3, 3, "3 letters (ISO 4217, e.g. CNY)").value_or("");
  auto charset = dvb::text::Charset::Utf8;
  if (auto m = r.member(n, "charset", false)) charset = r.charset(*m).value_or(charset);
  if (auto m = r.member(n, "package", true))
    if (auto t = r.text(*m, charset, limits::kMaxPackageBytes)) rec.package = *t;
  if (r.problemCount() != problems) return std::nullopt;
  return rec;
}

}  // namespace

void readFeeRecords(JsonReader& r, const Node& n, std::vector<ObjectInput>* out) {
  const size_t problems = r.problemCount();
  if (!r.object(n, {"revision", "bucket_count", "records"}) && !n.value->is_object()) return;
  const auto revision = r.integerAt(n, "revision", 1, 0xFFFFFFFF);
  const auto bucket_count = r.integerAt(n, "bucket_count", 1, 0xFFFF);
  auto m = r.member(n, "records", true);
  auto items = m ? r.array(*m, 1, 0xFFFF * limits::kMaxFeeRecords) : std::nullopt;
  if (!items || !bucket_count) return;
  std::map<uint16_t, dvb::notice::FeeBatch> batches;
  std::map<std::string, std::string> seen;  // subscriber id -> path of its record
  for (const Node& item : *items) {
    auto rec = readRecord(r, item);
    if (!rec) continue;
    const auto [it, fresh] = seen.emplace(rec->subscriber_id, item.path);
    if (!fresh) {
      r.fail(childPath(item.path, "subscriber_id"),
             "\"" + rec->subscriber_id + "\" is already listed at " + it->second);
      continue;
    }
    const uint16_t count = static_cast<uint16_t>(*bucket_count);
    const uint16_t bucket = dvb::notice::feeBucketOf(rec->subscriber_id, count);
    dvb::notice::FeeBatch& batch = batches[bucket];
    batch.bucket_count = count;
    batch.bucket = bucket;
    batch.records.push_back(std::move(*rec));
  }
  for (const auto& [bucket, batch] : batches)
    if (batch.records.size() > limits::kMaxFeeRecords)
      r.fail(*m, "bucket " + std::to_string(bucket) + " would hold " +
                     std::to_string(batch.records.size()) + " records; the limit is " +
                     std::to_string(limits::kMaxFeeRecords) + ": raise bucket_count");
  if (r.problemCount() != problems || !revision) return;
  // Every bucket goes out, empty or not: a subscriber who has paid vanishes
  // from the next revision of its bucket instead of keeping a stale record.
  for (uint32_t bucket = 0; bucket < *bucket_count; ++bucket) {
    dvb::notice::FeeBatch& batch = batches[static_cast<uint16_t>(bucket)];
    batch.bucket_count = static_cast<uint16_t>(*bucket_count);
    batch.bucket = static_cast<uint16_t>(bucket);
  }
  for (const auto& [bucket, batch] : batches)
    appendObject(r, n, bucket, static_cast<uint32_t>(*revision), batch, out);
}

}  // namespace tools::notice

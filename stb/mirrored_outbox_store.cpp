#include "stb/mirrored_outbox_store.h"

#include <set>

namespace stb {

MirroredOutboxStore::MirroredOutboxStore(OutboxStore* flash)
    : flash_(flash), through_(flash != nullptr) {
  if (!flash_) return;
  std::vector<OutboxReport> rows;
  std::string error;
  if (!flash_->list(&rows, &error)) {
    through_.degrade(error);
    return;
  }
  for (const OutboxReport& r : rows) memory_.put(r, nullptr);
  loaded_ = true;
}

bool MirroredOutboxStore::put(const OutboxReport& r, std::string* error) {
  if (!memory_.put(r, error)) return false;
  through_.write([&](std::string* e) { return flash_->put(r, e); });
  return true;
}

bool MirroredOutboxStore::update(const OutboxReport& r, std::string* error) {
  if (!memory_.update(r, error)) return false;
  through_.write([&](std::string* e) { return flash_->update(r, e); });
  return true;
}

bool MirroredOutboxStore::list(std::vector<OutboxReport>* out, std::string* error) {
  return memory_.list(out, error);
}

bool MirroredOutboxStore::remove(const std::string& report_id, std::string* error) {
  if (!memory_.remove(report_id, error)) return false;
  through_.write([&](std::string* e) { return flash_->remove(report_id, e); });
  return true;
}

bool MirroredOutboxStore::count(OutboxKind kind, const std::string& state, int64_t* n,
                                std::string* error) {
  return memory_.count(kind, state, n, error);
}

bool MirroredOutboxStore::resync(OutboxStore* flash, std::string* error) {
  flash_ = flash;
  std::vector<OutboxReport> on_flash;
  std::vector<OutboxReport> rows;
  if (!flash_->list(&on_flash, error) || !memory_.list(&rows, error)) return false;
  std::set<std::string> stored;
  for (const OutboxReport& f : on_flash) stored.insert(f.report_id);
  std::set<std::string> keep;
  for (const OutboxReport& r : rows) {
    keep.insert(r.report_id);
    if (!(stored.count(r.report_id) ? flash_->update(r, error) : flash_->put(r, error)))
      return false;
  }
  // Rows memory never saw (flash could not be read at start) are a viewer's
  // reports: never dropped.
  if (loaded_)
    for (const OutboxReport& f : on_flash)
      if (!keep.count(f.report_id) && !flash_->remove(f.report_id, error)) return false;
  through_.recovered();
  return true;
}

}  // namespace stb

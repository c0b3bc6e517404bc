#include "tools/stb-central/service_areas.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace tools::central {
namespace {

using nlohmann::json;

bool fail(std::string* error, const std::string& why) {
  if (error) *error = "areas: " + why;
  return false;
}

// The characters of a report's area_code (report_validation.cpp), used for logins too.
bool isIdText(const std::string& s, size_t max) {
  return !s.empty() && s.size() <= max && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

bool idField(const json& a, const std::string& where, const char* key, size_t max, std::string* out,
             std::string* error) {
  const auto it = a.find(key);
  if (it == a.end()) return fail(error, where + key + ": is required");
  if (!it->is_string() || !isIdText(it->get<std::string>(), max))
    return fail(error,
                where + key + ": must be 1 to " + std::to_string(max) + " of A-Z a-z 0-9 - _ .");
  *out = it->get<std::string>();
  return true;
}

bool readArea(const json& a, const std::string& where, ServiceArea* out, std::string* error) {
  if (!a.is_object()) return fail(error, where + ": must be an object");
  for (auto it = a.begin(); it != a.end(); ++it) {
    static const char* kKeys[] = {"code", "name", "kind", "households", "nodes", "worker"};
    if (std::none_of(std::begin(kKeys), std::end(kKeys),
                     [&](const char* k) { return it.key() == k; }))
      return fail(error, where + "." + it.key() + ": unknown key");
  }
  const std::string at = where + ".";
  if (!idField(a, at, "code", 32, &out->code, error)) return false;
  const auto name = a.find("name");
  if (name == a.end()) return fail(error, at + "name: is required");
  if (!name->is_string() || name->get<std::string>().empty() ||
      name->get<std::string>().size() > 200)
    return fail(error, at + "name: must be a text of 1 to 200 bytes");
  out->name = name->get<std::string>();
  const auto kind = a.find("kind");
  const auto parsed_kind =
      kind != a.end() && kind->is_string() ? parseAreaKind(kind->get<std::string>()) : std::nullopt;
  if (!parsed_kind) return fail(error, at + "kind: must be \"city\" or \"county\"");
  out->kind = *parsed_kind;
  const auto households = a.find("households");
  if (households == a.end() || !households->is_number_integer() || households->get<int64_t>() < 0 ||
      households->get<int64_t>() > 100'000'000)
    return fail(error, at + "households: must be an integer from 0 to 100000000");
  out->households = households->get<int64_t>();
  if (const auto nodes = a.find("nodes"); nodes != a.end()) {
    if (!nodes->is_array()) return fail(error, at + "nodes: must be an array of node names");
    for (const json& n : *nodes) {
      if (!n.is_string() || !isIdText(n.get<std::string>(), 32))
        return fail(error, at + "nodes: " + n.dump() + " is not a node name (1 to 32 of " +
                               "A-Z a-z 0-9 - _ .)");
      out->nodes.push_back(n.get<std::string>());
    }
  }
  if (const auto w = a.find("worker"); w != a.end() && !w->is_null()) {
    std::string login;
    if (!idField(a, at, "worker", 64, &login, error)) return false;
    out->worker = login;
  }
  return true;
}

}  // namespace

int64_t householdsNorm(AreaKind kind) {
  return kind == AreaKind::kCounty ? kCountyHouseholdsPerWorker : kCityHouseholdsPerWorker;
}

std::optional<ServiceAreas> ServiceAreas::fromJson(const std::string& text, std::string* error) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    fail(error, "not valid JSON");
    return std::nullopt;
  }
  if (!doc.is_object()) {
    fail(error, "the top level must be an object");
    return std::nullopt;
  }
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.key() != "areas" && it.key() != "comment") {
      fail(error, it.key() + ": unknown key");
      return std::nullopt;
    }
  const auto list = doc.find("areas");
  if (list == doc.end() || !list->is_array()) {
    fail(error, "areas: must be an array of areas");
    return std::nullopt;
  }
  ServiceAreas out;
  std::map<std::string, std::string> nodes;  // -> where it was first given
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string where = "areas[" + std::to_string(i) + "]";
    ServiceArea area;
    if (!readArea((*list)[i], where, &area, error)) return std::nullopt;
    if (const auto [it, fresh] = out.by_code_.emplace(area.code, i); !fresh) {
      fail(error, where + ".code: \"" + area.code + "\" is already given at areas[" +
                      std::to_string(it->second) + "]");
      return std::nullopt;
    }
    for (const std::string& n : area.nodes)
      if (const auto [it, fresh] = nodes.emplace(n, where); !fresh) {
        fail(error, where + ".nodes: \"" + n + "\" already belongs to " + it->second);
        return std::nullopt;
      }
    out.areas_.push_back(std::move(area));
  }
  return out;
}

std::optional<ServiceAreas> ServiceAreas::load(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "areas: cannot read " + path;
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto a = fromJson(text.str(), error);
  if (!a && error) *error = path + ": " + *error;
  return a;
}

const ServiceArea* ServiceAreas::find(const std::string& code) const {
  const auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &areas_[it->second];
}

const ServiceArea* ServiceAreas::findByNode(const std::string& node) const {
  for (const ServiceArea& a : areas_)
    if (std::find(a.nodes.begin(), a.nodes.end(), node) != a.nodes.end()) return &a;
  return nullptr;
}

bool ServiceAreas::overNorm(const ServiceArea& area) {
  return area.households > householdsNorm(area.kind);
}

std::vector<WorkerLoad> ServiceAreas::workerLoads() const {
  std::vector<WorkerLoad> loads;
  for (const ServiceArea& a : areas_) {
    if (!a.worker) continue;
    auto it = std::find_if(loads.begin(), loads.end(),
                           [&](const WorkerLoad& w) { return w.worker == *a.worker; });
    if (it == loads.end()) it = loads.insert(loads.end(), WorkerLoad{*a.worker, {}, 0, 0, false});
    it->areas.push_back(a.code);
    it->households += a.households;
    it->load += static_cast<double>(a.households) / static_cast<double>(householdsNorm(a.kind));
  }
  // Compared in whole households against the norms, not in floating point:
  // 4,500 city households are exactly one share, not over it.
  for (WorkerLoad& w : loads) {
    int64_t city = 0, county = 0;
    for (const ServiceArea& a : areas_)
      if (a.worker == w.worker) (a.kind == AreaKind::kCounty ? county : city) += a.households;
    // city / 4500 + county / 2000 > 1  <=>  city * 2000 + county * 4500 > 4500 * 2000
    w.over_norm = city * kCountyHouseholdsPerWorker + county * kCityHouseholdsPerWorker >
                  kCityHouseholdsPerWorker * kCountyHouseholdsPerWorker;
  }
  return loads;
}

std::optional<WorkerLoad> ServiceAreas::workerLoad(const std::string& worker) const {
  for (WorkerLoad& w : workerLoads())
    if (w.worker == worker) return std::move(w);
  return std::nullopt;
}

}  // namespace tools::central

#pragma once
// The operator's service areas and the worker who owns each (serve --areas
// FILE, docs/central-api.md "Service areas"). A report names its area_code;
// its ticket goes at once to that area's worker ("first inquiry
// responsibility"), and the area's kind decides new_installation's deadline.
//
// File (unknown keys are errors):
//   {"areas": [{"code": "3601", "name": "Nanchang city", "kind": "city",
//               "households": 4200, "nodes": ["3601-n01"], "worker": "li.wei"}]}
// code: a report's area_code (1-32 of A-Z a-z 0-9 - _ .), unique.
// worker: a staff login (1-64 of the same), or null/absent while vacant.
// nodes: the distribution nodes of the area, each in one area only.
//
// The charter's norm is 4,500 households a worker in a city and 2,000 in a
// county. An area is over the norm when its households exceed the norm of
// its kind (one worker cannot serve it); a worker is over it when the
// households of their areas, each counted against its own kind's norm, add
// up to more than one worker's share (sum of households / norm > 1).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tools/stb-central/deadline_policy.h"

namespace tools::central {

constexpr int64_t kCityHouseholdsPerWorker = 4500;
constexpr int64_t kCountyHouseholdsPerWorker = 2000;
int64_t householdsNorm(AreaKind kind);

// A report whose area is not listed: its ticket stays unassigned and its
// deadline is counted as in a city (the shorter of new_installation's two:
// the desk is never shown a later deadline than the charter may demand).
constexpr AreaKind kUnknownAreaKind = AreaKind::kCity;

struct ServiceArea {
  std::string code;
  std::string name;
  AreaKind kind = AreaKind::kCity;
  int64_t households = 0;
  std::vector<std::string> nodes;
  std::optional<std::string> worker;  // staff login; empty while vacant
};

// One worker's share of the norm.
struct WorkerLoad {
  std::string worker;
  std::vector<std::string> areas;  // codes, in file order
  int64_t households = 0;
  // Households over norms: 1.0 is one worker's full share.
  double load = 0;
  bool over_norm = false;
};

class ServiceAreas {
 public:
  ServiceAreas() = default;  // no areas: every ticket unassigned
  // nullopt and *error naming the key ("areas: $.areas[2].kind: ...").
  static std::optional<ServiceAreas> fromJson(const std::string& text, std::string* error);
  static std::optional<ServiceAreas> load(const std::string& path, std::string* error);

  const std::vector<ServiceArea>& areas() const { return areas_; }
  // nullptr when CODE is not listed.
  const ServiceArea* find(const std::string& code) const;
  // The area a distribution node belongs to, nullptr when none.
  const ServiceArea* findByNode(const std::string& node) const;

  static bool overNorm(const ServiceArea& area);
  // Every worker named in the file, in order of first appearance.
  std::vector<WorkerLoad> workerLoads() const;
  std::optional<WorkerLoad> workerLoad(const std::string& worker) const;

 private:
  std::vector<ServiceArea> areas_;
  std::map<std::string, size_t> by_code_;  // every report looks its area up
};

}  // namespace tools::central

#pragma once
// The regional outage: the boxes of one area lose their picture; a share of
// their viewers report it (no_picture) over the first hour. The central
// system groups the reports into one incident; at minute 10 the supervisor
// confirms it and the signed outage notice goes into the headend's spool;
// each box gets its sections at that moment plus its tune-in delay
// (uniform over the notice carousel's interval) through its real notice
// intake. A viewer whose box then shows the known outage reports anyway
// only with a settable probability. At hour 3 the incident is resolved and
// the notice withdrawn; each attached report's box learns it by its own
// ticket poll and asks its viewer the return-visit question.
//
// Only boxes whose viewers would report are instantiated (their outbox,
// sender, link and notice intake): the others make no request, and their
// notice reception is the same computation. Virtual clock and real HTTPS
// as in the storm (storm.h).
#include <cstdint>
#include <string>

#include "tools/stb-fleet/central_group.h"

namespace tools::fleet {

struct OutageConfig {
  int boxes = 20'000;                        // in the area
  double report_share = 0.05;                // of the boxes: viewers who would report, once
  double report_anyway = 0.15;               // of those whose box shows the known outage
  int64_t filing_span_ms = 3'600'000;        // reports come over the first hour
  int64_t confirm_at_ms = 600'000;           // the supervisor confirms at minute 10
  int64_t resolve_at_ms = 10'800'000;        // and resolves at hour 3
  int64_t expected_restore_ms = 14'400'000;  // the restore time the notice promises
  int64_t notice_interval_ms = 5'000;        // stb-headend's notice repetition (Intervals::notice)
  std::string area_code = "360102";
  uint64_t seed = 1;
  std::string central_binary;
  std::string pki_dir;   // from scripts/make-test-pki: ca, server
  std::string work_dir;  // database, logs, certificates, spool, operator key
  std::string db;        // empty: SQLite in work_dir
  int instances = 1;
};

struct OutageResult {
  size_t viewers = 0;                             // who wanted to report
  size_t filed = 0;                               // reports the boxes filed
  size_t filed_unaware = 0;                       // of them, the box showed no known outage yet
  size_t filed_anyway = 0;                        // the box showed it; the viewer reported anyway
  size_t viewers_unaware = 0, viewers_aware = 0;  // by what their box showed
  size_t suppressed = 0;                          // the known-outage page answered them
  size_t delivered = 0, refused = 0;
  TicketCount tickets;
  size_t incidents = 0;     // in the database, any status
  int64_t incident_id = 0;  // the one confirmed
  size_t attached = 0;      // delivered reports whose ticket is attached to it
  bool all_attached = false;
  size_t requests = 0, answered = 0;
  double peak_rps = 0, p50_ms = 0, p99_ms = 0;
  // The boxes' demand: requests started in the busiest virtual minute, and which.
  size_t peak_per_minute = 0;
  int64_t peak_minute = 0;
  int64_t confirmed_ms = 0, published_ms = 0, resolved_ms = 0;  // virtual
  int64_t first_known_ms = -1;        // virtual: the first box showing the outage
  int64_t last_known_ms = -1;         // virtual: the last box to show it
  size_t boxes_shown = 0;             // boxes that showed it
  size_t shown_after_withdrawal = 0;  // boxes still showing it after the cancellation
  size_t return_visit_boxes = 0;      // boxes with a delivered report
  size_t return_visits_asked = 0, return_visits_answered = 0;
  int64_t last_return_visit_ms = 0;  // virtual: the last question asked
  uint64_t early = 0, before_retry_after = 0;
  uint32_t notice_object_id = 0;  // the outage notice stb-central published
  double real_s = 0;
  int64_t virtual_ms = 0;
};

bool runOutage(const OutageConfig& config, OutageResult* out, std::string* error);
std::string describe(const OutageConfig& config, const OutageResult& r);
// What must hold: nothing lost or doubled, one incident with every report,
// every attached box asked and answered, nothing shown after withdrawal.
bool held(const OutageResult& r);

}  // namespace tools::fleet

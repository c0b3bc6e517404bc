#pragma once
// What the charter decides for a report at acceptance: its charter
// category, severity and deadline (deadline_policy.h), and the worker it is
// assigned to at once, the owner of its area ("first inquiry
// responsibility", service_areas.h).
#include <cstdio>
#include <string>

#include "tools/stb-central/deadline_policy.h"
#include "tools/stb-central/service_areas.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {

// The kind of AREA_CODE's area; kUnknownAreaKind when it is not listed.
AreaKind areaKindOf(const ServiceAreas& areas, const std::string& area_code);

// The terms of a ticket for a report of CATEGORY from AREA_CODE accepted
// (received by the server) at ACCEPTED. An area that is not listed, or has
// no worker, leaves the ticket unassigned and says so in *note (for the
// log); *note is "" otherwise.
SubmitTerms charterTerms(const DeadlinePolicy& policy, const ServiceAreas& areas,
                         const std::string& category, const std::string& area_code,
                         UtcSeconds accepted, std::string* note);

// serve --calendar FILE: the work_calendars of the operator's input JSON
// (the file stb-notice signs) into POLICY. false and *error listing every
// problem, each naming the file and the key.
bool useCalendarFile(const std::string& path, DeadlinePolicy* policy, std::string* error);

// serve's start-up lines about the charter: the calendar's years, and each
// area and worker over the households norm.
void describeCharter(const DeadlinePolicy& policy, const ServiceAreas& areas, std::FILE* err);

}  // namespace tools::central

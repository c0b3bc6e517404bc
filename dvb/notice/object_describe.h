#pragma once
// A verified object body in words, shared by the tools that show objects:
// stb-notice (the operator's check before a build goes on air, and `verify`)
// and stb-probe (one summary line per notice on air). Texts are shown in
// UTF-8 with the character table they travel in; fee batches only as counts
// (they hold subscriber data).
#include <string>
#include <vector>

#include "dvb/dvb_text.h"
#include "dvb/notice/object_verifier.h"

namespace dvb::notice {

// Several lines, no newlines: for a notice its kind, window, lead time,
// targets, contact and every text; for the other objects their contents.
std::vector<std::string> describeBody(const ObjectBody& body);

// One line: kind, "(cancelled)" when so, window and the first title.
std::string noticeSummary(const Notice& notice);

// The pieces the descriptions are made of, for the JSON form of a body.
std::string describeText(const DvbText& text);     // UTF-8, or "(undecodable)"
std::string describeCharset(const DvbText& text);  // the Annex A table's name
std::string describeDate(UtcSeconds t);            // YYYY-MM-DD

}  // namespace dvb::notice

#pragma once
// The layout of every object body, written once for both directions (see
// wire.h). Each returns after the first failure; the caller checks io.ok().
#include "dvb/notice/directory.h"
#include "dvb/notice/fee_batch.h"
#include "dvb/notice/key_list.h"
#include "dvb/notice/notice.h"
#include "dvb/notice/wire.h"
#include "dvb/notice/work_calendar.h"

namespace dvb::notice {

template <typename Io>
void layoutNotice(Io& io, Notice& n);
template <typename Io>
void layoutFeeBatch(Io& io, FeeBatch& b);
template <typename Io>
void layoutDirectory(Io& io, Directory& d);
template <typename Io>
void layoutWorkCalendar(Io& io, WorkCalendar& c);
template <typename Io>
void layoutKeyList(Io& io, KeyList& k);

}  // namespace dvb::notice

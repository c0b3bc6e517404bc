// Going on air: publish (and revise), the cancellation (docs/protocol.md
// 2.6), and a supervisor's approval of an emergency. Each is signed with
// the operator's key, written to the spool and kept in the audit log.
#include "tools/stb-headend/console/headend_console.h"

namespace tools::headend::console {
namespace {

constexpr uint8_t kNoticeTable = 0xC0;

}  // namespace

std::string HeadendConsole::publish(const Visit& v, const notice::ObjectInput& object,
                                    const nlohmann::json& notice, const std::string& action,
                                    const std::string& author, const std::string& approver) {
  std::string error;
  const auto signed_notice = signNotice(object, key_, v.now, &error);
  if (!signed_notice) return error;
  if (!options_.write_spool ||
      !options_.write_spool(options_.spool_dir, spoolName(object.header.object_id),
                            signed_notice->sections, &error))
    return error.empty() ? "no spool" : error;
  AuditRow row;
  row.who = author;
  row.when = v.now;
  row.action = action;
  row.table_id = signed_notice->table_id;
  row.object_id = object.header.object_id;
  row.revision = object.header.revision;
  row.sha256 = signed_notice->sha256;
  row.notice = notice.dump();
  if (!approver.empty()) {
    AuditRow approval = row;
    approval.who = approver;
    approval.action = "approve";
    approval.notice.clear();
    if (!audit_.add(approval, &error)) return error;
  }
  if (!audit_.add(row, &error)) return error;
  return "";
}

web::Response HeadendConsole::postCancel(Visit& v, uint32_t object_id) {
  std::lock_guard<std::mutex> lock(store_mu_);
  std::vector<AuditRow> rows;
  std::string error;
  if (!audit_.published(kNoticeTable, &rows, &error)) return errorPage(v, 500, "store_failed");
  const AuditRow* last = nullptr;
  for (const AuditRow& r : rows)
    if (r.object_id == object_id && r.action != "cancel") last = &r;
  if (!last) return errorPage(v, 404, "not_found");
  // The withdrawn notice's kind, times and targets, a higher revision, the
  // cancel flag, no texts (docs/protocol.md 2.6).
  nlohmann::json notice = nlohmann::json::parse(last->notice, nullptr, false);
  if (!notice.is_object()) return errorPage(v, 500, "store_failed");
  notice["revision"] = last->revision + 1;
  notice["cancel"] = true;
  notice["texts"] = nlohmann::json::array();
  std::vector<notice::FieldProblem> problems;
  const auto object = notice::checkNotice(notice, &problems);
  if (!object)
    return noticesPage(v, "",
                       v.t("publish_failed") +
                           (problems.empty() ? "" : problems[0].path + ": " + problems[0].why));
  const std::string failed = publish(v, *object, notice, "cancel", v.session.user, "");
  if (!failed.empty()) return noticesPage(v, "", v.t("publish_failed") + failed);
  return web::Response::redirect("/headend/notices?done=cancelled");
}

web::Response HeadendConsole::postApprove(Visit& v, int64_t pending_id) {
  std::lock_guard<std::mutex> lock(store_mu_);
  std::optional<PendingNotice> p;
  std::string error;
  if (!audit_.findPending(pending_id, &p, &error)) return errorPage(v, 500, "store_failed");
  if (!p) return errorPage(v, 404, "not_found");
  if (!allowed(v.role, v.session.user, Action::kApprove, p->author))
    return errorPage(v, 403, "forbidden");
  // The revision is taken now: another may have gone on air since it was written.
  uint32_t revision = 1;
  if (!audit_.nextRevision(kNoticeTable, p->object_id, &revision, &error))
    return errorPage(v, 500, "store_failed");
  nlohmann::json notice = nlohmann::json::parse(p->notice, nullptr, false);
  if (!notice.is_object()) return errorPage(v, 500, "store_failed");
  notice["revision"] = revision;
  std::vector<notice::FieldProblem> problems;
  const auto object = notice::checkNotice(notice, &problems);
  if (!object) return noticesPage(v, "", v.t("publish_failed") + "invalid");
  // The audit row of the publication names the author; the approval, the supervisor.
  const std::string failed =
      publish(v, *object, notice, revision > 1 ? "revise" : "publish", p->author, v.session.user);
  if (!failed.empty()) return noticesPage(v, "", v.t("publish_failed") + failed);
  if (!audit_.removePending(pending_id, &error)) return errorPage(v, 500, "store_failed");
  return web::Response::redirect("/headend/notices?done=approved");
}

}  // namespace tools::headend::console

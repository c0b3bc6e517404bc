#pragma once
// stb-headend's authoring console (docs/operator-guide.md "The authoring
// console"): server-rendered pages under /headend/ in Chinese, Spanish and
// English, without JavaScript. Staff log in as at the service desk (the
// shared staff accounts and login check, tools/staff; sessions and CSRF
// tokens, tools/web), write a notice checked by stb-notice's own validation
// (each error beside its field), look at the preview, publish (signed with
// the operator's key into the playout's spool), revise and cancel; an
// emergency waits for a second person, a supervisor. Everything that goes on
// air is in the audit log.
//
// Thread-safe: the HTTP server calls handle() from its threads; the stores
// and the spool are used under one lock (scrypt at login and the preview
// subprocess run outside it).
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dvb/notice/object_signer.h"
#include "tools/staff/login_flow.h"
#include "tools/staff/login_gate.h"
#include "tools/stb-headend/console/audit_log.h"
#include "tools/stb-headend/console/notice_form.h"
#include "tools/stb-headend/console/permissions.h"
#include "tools/stb-headend/console/preview_runner.h"
#include "tools/stb-headend/console/publisher.h"
#include "tools/web/form.h"
#include "tools/web/sessions.h"
#include "tools/web/web_types.h"

namespace tools::headend::console {

struct HeadendConsoleOptions {
  web::SessionLimits sessions;
  int max_failed_logins = 5;
  // The operator's areas (code, name), offered as ticks on the form.
  std::vector<std::pair<std::string, std::string>> areas;
  std::string state_dir;    // status.json; previews/ (scratch)
  std::string spool_dir;    // where published notices go
  SpoolWriter write_spool;  // PLAYOUT's writeSpoolFile
  std::string preview_program = "stb-preview";
  int preview_timeout_ms = 30000;
};

class HeadendConsole {
 public:
  using Clock = std::function<int64_t()>;
  static constexpr const char* kRoot = "/headend/";

  // STAFF, AUDIT and KEY outlive the console.
  HeadendConsole(staff::StaffStore& staff, AuditLog& audit, const dvb::notice::PrivateKey& key,
                 HeadendConsoleOptions options, Clock clock);
  web::Response handle(const web::Request& request);

  // One request being answered.
  struct Visit {
    const web::Request* request = nullptr;
    web::Form query;
    std::string lang;
    bool remember_lang = false;
    web::Session session;
    Role role = Role::kEditor;
    int64_t now = 0;
    std::string t(const std::string& key) const;
  };

 private:
  web::Response route(Visit& v);
  std::optional<web::Form> postedForm(Visit& v, web::Response* refusal);

  web::Response noticesPage(Visit& v, const std::string& notice = "",
                            const std::string& error = "");
  // The form; REVISE: the object being revised (0: a new notice); PREVIEWED:
  // the digest of the body just previewed, handed back by Publish.
  web::Response formPage(Visit& v, int status, const NoticeForm& form, uint32_t revise,
                         const FieldErrors& errors, const std::string& preview_html,
                         const std::string& previewed = "");
  web::Response postNotice(Visit& v, const web::Form& form);
  web::Response preview(Visit& v, const NoticeForm& form, uint32_t revise,
                        const notice::ObjectInput& object);
  web::Response postCancel(Visit& v, uint32_t object_id);
  web::Response postApprove(Visit& v, int64_t pending_id);
  web::Response auditPage(Visit& v);
  web::Response statusPage(Visit& v);
  web::Response previewImage(Visit& v, const std::string& token, const std::string& file);

  // Signs OBJECT, writes it to the spool and adds the audit row of ACTION
  // by AUTHOR, and before it APPROVER's approval when one is named (with
  // store_mu_ held). "" or why it failed.
  std::string publish(const Visit& v, const notice::ObjectInput& object,
                      const nlohmann::json& notice, const std::string& action,
                      const std::string& author, const std::string& approver);

  web::Response page(const Visit& v, int status, const std::string& title,
                     const std::string& content_html, const std::string& nav,
                     const std::string& notice = "", const std::string& error = "");
  web::Response errorPage(const Visit& v, int status, const std::string& key);

  staff::StaffStore& staff_;
  AuditLog& audit_;
  const dvb::notice::PrivateKey& key_;
  HeadendConsoleOptions options_;
  Clock clock_;
  web::SessionStore sessions_;
  std::mutex store_mu_;
  staff::LoginGate gate_;  // after store_mu_, which it uses
  staff::LoginFlow flow_;  // after sessions_ and gate_
};

}  // namespace tools::headend::console

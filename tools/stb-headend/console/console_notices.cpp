// The notice pages: the list (published, and emergencies awaiting
// approval), the form with its errors and its preview, and the preview's
// images.
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "dvb/notice/body_codec.h"
#include "tools/stb-headend/console/headend_console.h"
#include "tools/web/html.h"
#include "tools/web/secure_random.h"

namespace tools::headend::console {
namespace {

namespace fs = std::filesystem;
constexpr uint8_t kNoticeTable = 0xC0;

const char* const kKinds[] = {"planned_maintenance", "unplanned_outage", "service_change",
                              "emergency", "information"};

// The reasons of FIELD, beside it.
std::string errorsOf(const FieldErrors& errors, const std::string& field) {
  auto it = errors.find(field);
  if (it == errors.end()) return "";
  std::string out =
      "<span class=\"field-error\" style=\"color:#b00020\" id=\"error-" + field + "\">";
  for (const std::string& why : it->second) out += web::escapeHtml(why) + " ";
  return out + "</span>";
}

std::string row(const std::string& label, const std::string& control, const FieldErrors& errors,
                const std::string& field) {
  return "<p class=\"field\"><label>" + web::escapeHtml(label) + " " + control + "</label> " +
         errorsOf(errors, field) + "</p>";
}

std::string input(const std::string& name, const std::string& value, const std::string& hint = "") {
  return "<input type=\"text\" name=\"" + name + "\" value=\"" + web::escapeHtml(value) + "\"" +
         (hint.empty() ? "" : " placeholder=\"" + web::escapeHtml(hint) + "\"") + ">";
}

std::string textarea(const std::string& name, const std::string& value) {
  return "<textarea name=\"" + name + "\" rows=\"3\" cols=\"60\">" + web::escapeHtml(value) +
         "</textarea>";
}

bool validToken(const std::string& token) {
  return token.size() == 32 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Scratch previews older than an hour go.
void sweepPreviews(const fs::path& dir) {
  std::error_code ec;
  const auto old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.last_write_time(ec) < old) fs::remove_all(entry.path(), ec);
}

// A notice waiting for approval, whole: the supervisor signs off what they
// have read, not a title.
std::string pendingDetails(const std::function<std::string(const std::string&)>& t,
                           const NoticeForm& f) {
  auto item = [](const std::string& label, const std::string& value) {
    return value.empty()
               ? std::string()
               : "<dt>" + web::escapeHtml(label) + "</dt><dd>" + web::escapeHtml(value) + "</dd>";
  };
  std::string html = "<dl>" + item(t("form.kind"), t(f.kind)) + item(t("form.start"), f.start) +
                     item(t("form.end"), f.end) + item(t("form.lead_hours"), f.lead_hours) +
                     item(t("form.areas"), f.prefixes) + item(t("form.nodes"), f.nodes);
  for (const auto& [lang, title] : f.titles) {
    const auto body = f.bodies.find(lang);
    html += item(lang + " · " + t("form.title"), title) +
            item(lang + " · " + t("form.body"), body == f.bodies.end() ? "" : body->second);
  }
  return html + item(t("form.contact"), f.contact) + "</dl>";
}

}  // namespace

web::Response HeadendConsole::noticesPage(Visit& v, const std::string& notice,
                                          const std::string& error) {
  std::vector<AuditRow> published;
  std::vector<PendingNotice> pending;
  std::string why;
  {
    std::lock_guard<std::mutex> lock(store_mu_);
    if (!audit_.published(kNoticeTable, &published, &why) || !audit_.pending(&pending, &why))
      return errorPage(v, 500, "store_failed");
  }
  const std::string csrf = web::hiddenInput("csrf", v.session.csrf);
  std::string html = "<h2>" + web::escapeHtml(v.t("list.pending")) + "</h2>";
  if (pending.empty()) html += "<p>" + web::escapeHtml(v.t("list.none")) + "</p>";
  for (const PendingNotice& p : pending) {
    const auto n = nlohmann::json::parse(p.notice, nullptr, false);
    html += "<div class=\"pending\" id=\"pending-" + std::to_string(p.id) + "\">#" +
            std::to_string(p.object_id) + " · " + web::escapeHtml(v.t("list.author")) + ": " +
            web::escapeHtml(p.author);
    if (n.is_object())
      html += pendingDetails([&v](const std::string& key) { return v.t(key); },
                             NoticeForm::fromJson(n));
    if (allowed(v.role, v.session.user, Action::kApprove, p.author))
      html += "<form method=\"post\" action=\"/headend/pending/" + std::to_string(p.id) +
              "/approve\">" + csrf + "<button type=\"submit\" id=\"approve-" +
              std::to_string(p.id) + "\">" + web::escapeHtml(v.t("list.approve")) +
              "</button></form>";
    html += "</div>";
  }
  html += "<h2>" + web::escapeHtml(v.t("list.published")) + "</h2>";
  if (published.empty()) html += "<p>" + web::escapeHtml(v.t("list.none")) + "</p>";
  if (!published.empty())
    html += "<table id=\"published\"><tr><th>" + web::escapeHtml(v.t("list.id")) + "</th><th>" +
            web::escapeHtml(v.t("list.revision")) + "</th><th>" +
            web::escapeHtml(v.t("form.kind")) + "</th><th>" + web::escapeHtml(v.t("form.title")) +
            "</th><th>" + web::escapeHtml(v.t("list.state")) + "</th><th></th></tr>";
  for (const AuditRow& r : published) {
    const auto n = nlohmann::json::parse(r.notice, nullptr, false);
    const bool cancelled = r.action == "cancel";
    std::string title;
    if (n.is_object())
      for (const auto& t : n.value("texts", nlohmann::json::array()))
        if (title.empty()) title = t.value("title", "");
    const std::string id = std::to_string(r.object_id);
    html += "<tr id=\"notice-" + id + "\"><td>" + id + "</td><td>" + std::to_string(r.revision) +
            "</td><td>" + web::escapeHtml(v.t(n.is_object() ? n.value("kind", "") : "")) +
            "</td><td>" + web::escapeHtml(title) + "</td><td>" +
            web::escapeHtml(v.t(cancelled ? "list.cancelled" : "list.on_air")) + "</td><td>";
    if (!cancelled)
      html += web::link("/headend/new?revise=" + id, v.t("list.revise")) +
              "<form method=\"post\" action=\"/headend/notices/" + id + "/cancel\">" + csrf +
              "<button type=\"submit\" id=\"cancel-" + id + "\">" +
              web::escapeHtml(v.t("list.cancel")) + "</button></form>";
    html += "</td></tr>";
  }
  if (!published.empty()) html += "</table>";
  std::string done = v.query.value("done");
  if (done != "published" && done != "pending.saved" && done != "approved" && done != "cancelled")
    done.clear();
  return page(v, 200, v.t("nav.notices"), html, "nav.notices",
              notice.empty() && !done.empty() ? v.t(done) : notice, error);
}

web::Response HeadendConsole::formPage(Visit& v, int status, const NoticeForm& f, uint32_t revise,
                                       const FieldErrors& errors, const std::string& preview_html,
                                       const std::string& previewed) {
  std::vector<std::pair<std::string, std::string>> kinds;
  for (const char* k : kKinds) kinds.emplace_back(k, v.t(k));
  std::string html = "<form method=\"post\" action=\"/headend/new\" id=\"notice-form\">" +
                     web::hiddenInput("csrf", v.session.csrf) +
                     web::hiddenInput("revise", revise ? std::to_string(revise) : "");
  // What the editor has seen previewed: publishing signs only that (postNew).
  if (!previewed.empty()) html += web::hiddenInput("previewed", previewed);
  if (revise)
    html += "<p>" + web::escapeHtml(v.t("form.revising")) + " #" + std::to_string(revise) + "</p>";
  html += errorsOf(errors, "form");
  html += "<p class=\"field\">" + web::selectInput(v.t("form.kind"), "kind", kinds, f.kind) + " " +
          errorsOf(errors, "kind") + "</p>";
  html += row(v.t("form.priority"), input("priority", f.priority), errors, "priority");
  std::string ticks;
  for (const auto& [code, name] : options_.areas) {
    const bool on = std::find(f.areas.begin(), f.areas.end(), code) != f.areas.end();
    ticks += "<label class=\"tick\"><input type=\"checkbox\" name=\"area\" value=\"" +
             web::escapeHtml(code) + "\"" + (on ? " checked" : "") + "> " +
             web::escapeHtml(code + " " + name) + "</label> ";
  }
  html += "<fieldset><legend>" + web::escapeHtml(v.t("form.areas")) + "</legend>" + ticks +
          row(v.t("form.prefixes"), input("prefixes", f.prefixes, "36 3601"), errors, "areas") +
          "</fieldset>";
  html += row(v.t("form.nodes"), input("nodes", f.nodes), errors, "nodes");
  html += row(v.t("form.start"), input("start", f.start, "2026-11-29T08:00:00Z"), errors, "start");
  html += row(v.t("form.end"), input("end", f.end, "2026-11-29T12:00:00Z"), errors, "end");
  html +=
      row(v.t("form.lead_hours"), input("lead_hours", f.lead_hours, "24"), errors, "lead_hours");
  for (const char* lang : kFormLanguages) {
    const std::string l = lang;
    const auto title = f.titles.find(l);
    const auto body = f.bodies.find(l);
    html +=
        "<fieldset><legend>" + l + "</legend>" +
        row(v.t("form.title"), input("title_" + l, title == f.titles.end() ? "" : title->second),
            errors, "title_" + l) +
        row(v.t("form.body"), textarea("body_" + l, body == f.bodies.end() ? "" : body->second),
            errors, "body_" + l) +
        "</fieldset>";
  }
  html += row(v.t("form.contact"), input("contact", f.contact, "96123"), errors, "contact");
  html += "<button type=\"submit\" name=\"action\" value=\"preview\" id=\"preview\">" +
          web::escapeHtml(v.t("form.preview")) + "</button> ";
  html += "<button type=\"submit\" name=\"action\" value=\"publish\" id=\"publish\">" +
          web::escapeHtml(v.t("form.publish")) + "</button></form>";
  html += preview_html;
  return page(v, status, v.t("nav.new"), html, "nav.new", "",
              errors.empty() ? "" : v.t("form.errors"));
}

web::Response HeadendConsole::postNotice(Visit& v, const web::Form& posted) {
  const NoticeForm form = NoticeForm::fromPost(posted);
  const std::string revise_text = posted.value("revise");
  uint32_t revise = 0;
  if (!revise_text.empty()) {
    if (revise_text.size() > 9 || revise_text.find_first_not_of("0123456789") != std::string::npos)
      return errorPage(v, 400, "bad_request");
    revise = static_cast<uint32_t>(std::stoul(revise_text));
  }
  std::unique_lock<std::mutex> lock(store_mu_);
  uint32_t object_id = revise, revision = 1;
  std::string error;
  if ((!revise && !audit_.nextObjectId(kNoticeTable, &object_id, &error)) ||
      !audit_.nextRevision(kNoticeTable, object_id, &revision, &error))
    return errorPage(v, 500, "store_failed");
  nlohmann::json notice;
  FieldErrors errors;
  const auto object = checkForm(form, object_id, revision, &notice, &errors);
  if (!object) return formPage(v, 422, form, revise, errors, "");
  const std::string action = posted.value("action");
  if (action == "preview") {
    lock.unlock();
    return preview(v, form, revise, *object);
  }
  if (action != "publish") return errorPage(v, 400, "bad_request");
  // Only what the editor has read is signed: the notice as last previewed,
  // unchanged since. An edit after the preview needs a new preview.
  if (posted.value("previewed") != sha256Hex(object->body))
    return formPage(v, 409, form, revise, {{"form", {v.t("form.preview_first")}}}, "");
  if (form.kind == "emergency") {
    // The second person signs it off (postApprove); nothing goes on air yet.
    int64_t id = 0;
    if (!audit_.addPending({0, v.session.user, v.now, object_id, revision, notice.dump()}, &id,
                           &error))
      return errorPage(v, 500, "store_failed");
    return web::Response::redirect("/headend/notices?done=pending.saved");
  }
  const std::string failed =
      publish(v, *object, notice, revise ? "revise" : "publish", v.session.user, "");
  if (!failed.empty()) return formPage(v, 500, form, revise, {{"form", {failed}}}, "");
  return web::Response::redirect("/headend/notices?done=published");
}

web::Response HeadendConsole::preview(Visit& v, const NoticeForm& form, uint32_t revise,
                                      const notice::ObjectInput& object) {
  const fs::path root = fs::path(options_.state_dir) / "previews";
  std::error_code ec;
  fs::create_directories(root, ec);
  sweepPreviews(root);
  const std::string token = web::randomHex(16);
  const fs::path dir = root / token;
  std::string error;
  std::optional<PreviewResult> result;
  if (token.empty() || !fs::create_directory(dir, ec))
    error = dir.string() + ": cannot create";
  else
    result = runPreview(options_.preview_program, object.body, dir.string(),
                        options_.preview_timeout_ms, &error);
  std::string html =
      "<section id=\"preview-result\"><h2>" + web::escapeHtml(v.t("preview.title")) + "</h2>";
  if (!result) {
    html += "<p class=\"error\" id=\"preview-error\">" +
            web::escapeHtml(v.t("preview.failed") + error) + "</p></section>";
    return formPage(v, 502, form, revise, {}, html);
  }
  for (const PreviewImage& image : result->images) {
    const std::string caption = image.language + " " + std::to_string(image.width) + "x" +
                                std::to_string(image.height) + " · " +
                                v.t(image.state == "live" ? "preview.live" : "preview.ahead");
    html += "<figure class=\"preview\"><img src=\"/headend/previews/" + token + "/" +
            web::escapeHtml(image.file) + "\" alt=\"" + web::escapeHtml(caption) +
            "\" style=\"max-width:480px\"><figcaption>" + web::escapeHtml(caption) +
            "</figcaption></figure>";
  }
  html += "<table id=\"crossings\"><tr><th></th><th>" + web::escapeHtml(v.t("preview.crossing")) +
          "</th></tr>";
  for (const PreviewCrossing& c : result->crossings) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", c.seconds);
    html += "<tr><td>" + web::escapeHtml(c.language) + " " + std::to_string(c.width) + "x" +
            std::to_string(c.height) + "</td><td>" + seconds + "</td></tr>";
  }
  html += "</table></section>";
  return formPage(v, 200, form, revise, {}, html, sha256Hex(object.body));
}

web::Response HeadendConsole::previewImage(Visit& v, const std::string& token,
                                           const std::string& file) {
  if (!validToken(token) || file.find('/') != std::string::npos || file.size() < 5 ||
      file.compare(file.size() - 4, 4, ".png") != 0 || file[0] == '.')
    return errorPage(v, 404, "not_found");
  std::ifstream in(fs::path(options_.state_dir) / "previews" / token / file, std::ios::binary);
  if (!in) return errorPage(v, 404, "not_found");
  std::stringstream bytes;
  bytes << in.rdbuf();
  web::Response r;
  r.status = 200;
  r.addHeader("Content-Type", "image/png");
  r.body = bytes.str();
  return r;
}

}  // namespace tools::headend::console

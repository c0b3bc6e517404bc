#include "tools/stb-headend/console/notice_form.h"

#include <cctype>

namespace tools::headend::console {

const char* const kFormLanguages[3] = {"zho", "spa", "eng"};

namespace {

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

// A JSON number when TEXT is a plain decimal number, else the text itself
// (the validator then says it must be a number).
nlohmann::json number(const std::string& text) {
  if (text.empty() || text.size() > 15) return text;
  bool dot = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !dot && i > 0 && i + 1 < text.size()) {
      dot = true;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return text;
    }
  }
  return dot ? nlohmann::json(std::stod(text)) : nlohmann::json(std::stoull(text));
}

std::string joined(const nlohmann::json& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : " ") + (item.is_string() ? item.get<std::string>() : item.dump());
  return out;
}

// "$.texts[1].title" -> 1.
std::optional<size_t> textIndex(const std::string& path) {
  const std::string head = "$.texts[";
  if (path.rfind(head, 0) != 0) return std::nullopt;
  const size_t close = path.find(']', head.size());
  if (close == std::string::npos) return std::nullopt;
  return std::stoul(path.substr(head.size(), close - head.size()));
}

}  // namespace

NoticeForm NoticeForm::fromPost(const web::Form& form) {
  NoticeForm f;
  f.kind = form.value("kind");
  f.priority = form.value("priority");
  for (const auto& [name, value] : form.fields())
    if (name == "area") f.areas.push_back(value);
  f.prefixes = form.value("prefixes");
  f.nodes = form.value("nodes");
  f.start = form.value("start");
  f.end = form.value("end");
  f.lead_hours = form.value("lead_hours");
  for (const char* lang : kFormLanguages) {
    f.titles[lang] = form.value(std::string("title_") + lang);
    f.bodies[lang] = form.value(std::string("body_") + lang);
  }
  f.contact = form.value("contact");
  return f;
}

NoticeForm NoticeForm::fromJson(const nlohmann::json& n) {
  NoticeForm f;
  f.kind = n.value("kind", "");
  f.priority = std::to_string(n.value("priority", 0));
  if (n.contains("targets")) {
    const auto& t = n["targets"];
    if (t.contains("areas")) f.prefixes = joined(t["areas"]);
    if (t.contains("nodes")) f.nodes = joined(t["nodes"]);
  }
  f.start = n.value("start", "");
  f.end = n.value("end", "");
  if (n.contains("lead_hours")) f.lead_hours = n["lead_hours"].dump();
  for (const auto& text : n.value("texts", nlohmann::json::array())) {
    const std::string lang = text.value("language", "");
    f.titles[lang] = text.value("title", "");
    f.bodies[lang] = text.value("body", "");
  }
  f.contact = n.value("contact", "");
  return f;
}

nlohmann::json noticeJson(const NoticeForm& form, uint32_t id, uint32_t revision) {
  nlohmann::json n = {{"id", id}, {"revision", revision}, {"kind", form.kind}};
  n["priority"] = form.priority.empty() ? nlohmann::json(0) : number(form.priority);
  n["start"] = form.start;
  n["end"] = form.end;
  if (!form.lead_hours.empty()) n["lead_hours"] = number(form.lead_hours);
  nlohmann::json targets = nlohmann::json::object();
  std::vector<std::string> areas = form.areas;
  for (std::string& p : words(form.prefixes)) areas.push_back(std::move(p));
  if (!areas.empty()) targets["areas"] = areas;
  nlohmann::json nodes = nlohmann::json::array();
  for (const std::string& w : words(form.nodes)) nodes.push_back(number(w));
  if (!nodes.empty()) targets["nodes"] = nodes;
  if (!targets.empty()) n["targets"] = targets;
  if (!form.contact.empty()) n["contact"] = form.contact;
  nlohmann::json texts = nlohmann::json::array();
  for (const char* lang : kFormLanguages) {
    const auto title = form.titles.find(lang);
    const auto body = form.bodies.find(lang);
    const std::string t = title == form.titles.end() ? "" : title->second;
    const std::string b = body == form.bodies.end() ? "" : body->second;
    // A language left blank is not sent; one half filled in is, and the
    // validator says which half is missing.
    if (t.empty() && b.empty()) continue;
    nlohmann::json text = {{"language", lang}};
    if (!t.empty()) text["title"] = t;
    if (!b.empty()) text["body"] = b;
    texts.push_back(text);
  }
  n["texts"] = texts;
  return n;
}

FieldErrors fieldErrors(const std::vector<notice::FieldProblem>& problems,
                        const nlohmann::json& notice) {
  FieldErrors out;
  for (const notice::FieldProblem& p : problems) {
    std::string field = "form";
    const std::string& path = p.path;
    if (auto i = textIndex(path)) {
      const auto& texts = notice.value("texts", nlohmann::json::array());
      const std::string lang =
          *i < texts.size() ? texts[*i].value("language", "zho") : std::string("zho");
      field = (path.find(".body") != std::string::npos ? "body_" : "title_") + lang;
    } else if (path == "$.texts") {
      field = "title_zho";
    } else if (path.rfind("$.targets.areas", 0) == 0) {
      field = "areas";
    } else if (path.rfind("$.targets.nodes", 0) == 0) {
      field = "nodes";
    } else {
      for (const char* f : {"kind", "priority", "start", "end", "lead_hours", "contact"})
        if (path == std::string("$.") + f) field = f;
    }
    out[field].push_back(p.why);
  }
  return out;
}

std::optional<notice::ObjectInput> checkForm(const NoticeForm& form, uint32_t id, uint32_t revision,
                                             nlohmann::json* notice, FieldErrors* errors) {
  *notice = noticeJson(form, id, revision);
  std::vector<notice::FieldProblem> problems;
  auto object = notice::checkNotice(*notice, &problems);
  *errors = fieldErrors(problems, *notice);
  if (object && errors->empty()) return object;
  if (errors->empty()) (*errors)["form"].push_back("the notice could not be encoded");
  return std::nullopt;
}

}  // namespace tools::headend::console

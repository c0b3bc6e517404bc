#include "tools/stb-notice/input.h"

#include <map>
#include <nlohmann/json.hpp>

#include "tools/stb-notice/file_io.h"
#include "tools/stb-notice/input_readers.h"

namespace tools::notice {
namespace {

using dvb::notice::ObjectType;

// What one document held, before the checks across documents.
struct Document {
  std::vector<ObjectInput> objects;
  std::optional<std::string> fee_records;  // "file: $.fee_records" when present
  std::optional<std::string> key_list;
};

std::string dirOf(const std::string& file) {
  const size_t slash = file.rfind('/');
  return slash == std::string::npos ? "" : file.substr(0, slash);
}

void readArray(JsonReader& r, const Node& root, const char* key,
               void (*read)(JsonReader&, const Node&, std::vector<ObjectInput>*),
               std::vector<ObjectInput>* out) {
  auto m = r.member(root, key, false);
  if (!m) return;
  if (auto items = r.array(*m, 0, 100000))
    for (const Node& item : *items) read(r, item, out);
}

void readDocument(const std::string& file, const std::string& text, Document* doc,
                  std::vector<std::string>* problems) {
  const std::optional<nlohmann::json> parsed = parseDocument(file, text, problems);
  if (!parsed) return;
  const nlohmann::json& root = *parsed;
  JsonReader r(file, problems);
  const Node top{&root, "$"};
  if (!r.object(top, {"$schema", "notices", "fee_records", "directories", "work_calendars",
                      "key_list"}) &&
      !root.is_object())
    return;
  readArray(r, top, "notices", readNotice, &doc->objects);
  if (auto m = r.member(top, "fee_records", false)) {
    doc->fee_records = r.where(*m);
    readFeeRecords(r, *m, &doc->objects);
  }
  readArray(r, top, "directories", readDirectory, &doc->objects);
  readArray(r, top, "work_calendars", readWorkCalendar, &doc->objects);
  if (auto m = r.member(top, "key_list", false)) {
    doc->key_list = r.where(*m);
    readKeyList(r, *m, dirOf(file), &doc->objects);
  }
  if (!root.contains("notices") && !root.contains("fee_records") && !root.contains("directories") &&
      !root.contains("work_calendars") && !root.contains("key_list"))
    r.fail(top, "holds none of notices, fee_records, directories, work_calendars, key_list");
}

std::string label(const ObjectInput& o) {
  return std::string(dvb::notice::objectTypeName(o.header.type)) + " " +
         std::to_string(o.header.object_id);
}

// Across all documents: one object per (table, id), and no two ids sharing a
// table_id_extension, which would make them one table on the air.
void checkUnique(const std::vector<ObjectInput>& objects, std::vector<std::string>* problems) {
  std::map<std::pair<ObjectType, uint32_t>, const ObjectInput*> by_id;
  std::map<std::pair<ObjectType, uint16_t>, const ObjectInput*> by_extension;
  for (const ObjectInput& o : objects) {
    const auto [id_it, new_id] =
        by_id.emplace(std::make_pair(o.header.type, o.header.object_id), &o);
    if (!new_id) {
      problems->push_back(o.where + ": " + label(o) + " is already defined at " +
                          id_it->second->where);
      continue;
    }
    const uint16_t extension = static_cast<uint16_t>(o.header.object_id & 0xFFFF);
    const auto [ext_it, new_ext] =
        by_extension.emplace(std::make_pair(o.header.type, extension), &o);
    if (!new_ext) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%04X", extension);
      problems->push_back(o.where + ": " + label(o) + " and " + label(*ext_it->second) + " (" +
                          ext_it->second->where + ") share their low 16 bits (" + hex +
                          "), so both would be the table with table_id_extension " + hex +
                          "; choose another id");
    }
  }
}

int orderOf(ObjectType type) {
  switch (type) {
    case ObjectType::kKeyList:
      return 0;
    case ObjectType::kNotice:
      return 1;
    case ObjectType::kDirectory:
      return 2;
    case ObjectType::kWorkCalendar:
      return 3;
    case ObjectType::kFeeBatch:
      return 4;
  }
  return 5;
}

std::optional<std::vector<ObjectInput>> finish(std::vector<Document> docs,
                                               std::vector<std::string>* problems) {
  std::vector<ObjectInput> all;
  std::optional<std::string> fee_records, key_list;
  for (Document& d : docs) {
    // Two fee_records blocks would bucket into the same tables; two key lists
    // would fight. The second is refused once, not once per object in it.
    const bool extra_fees = d.fee_records && fee_records;
    const bool extra_keys = d.key_list && key_list;
    if (extra_fees)
      problems->push_back(*d.fee_records + ": fee records are already given at " + *fee_records +
                          "; put every record in one fee_records");
    if (extra_keys)
      problems->push_back(*d.key_list + ": a key list is already given at " + *key_list);
    if (!fee_records) fee_records = d.fee_records;
    if (!key_list) key_list = d.key_list;
    for (ObjectInput& o : d.objects) {
      if ((extra_fees && o.header.type == ObjectType::kFeeBatch) ||
          (extra_keys && o.header.type == ObjectType::kKeyList))
        continue;
      all.push_back(std::move(o));
    }
  }
  checkUnique(all, problems);
  if (problems->empty() && all.empty()) problems->push_back("the inputs hold no objects");
  if (!problems->empty()) return std::nullopt;
  std::stable_sort(all.begin(), all.end(), [](const ObjectInput& a, const ObjectInput& b) {
    return orderOf(a.header.type) < orderOf(b.header.type);
  });
  return all;
}

}  // namespace

std::optional<ObjectInput> checkNotice(const nlohmann::json& notice,
                                       std::vector<FieldProblem>* problems) {
  std::vector<std::string> lines;
  JsonReader r("notice", &lines, problems);
  std::vector<ObjectInput> out;
  readNotice(r, Node{&notice, "$"}, &out);
  if (!lines.empty() || out.size() != 1) return std::nullopt;
  return std::move(out[0]);
}

std::optional<std::vector<ObjectInput>> readInputText(const std::string& file,
                                                      const std::string& text,
                                                      std::vector<std::string>* problems) {
  std::vector<Document> docs(1);
  readDocument(file, text, &docs[0], problems);
  return finish(std::move(docs), problems);
}

std::optional<std::vector<ObjectInput>> readInputs(const std::vector<std::string>& files,
                                                   std::vector<std::string>* problems) {
  std::vector<Document> docs(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    std::string text, error;
    if (!readTextFile(files[i], &text, &error)) {
      problems->push_back(error);
      continue;
    }
    readDocument(files[i], text, &docs[i], problems);
  }
  return finish(std::move(docs), problems);
}

}  // namespace tools::notice

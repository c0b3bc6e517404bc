// $.key_list -> the operator's signing keys and revoked key ids, table 0xC4
// (docs/protocol.md 2.5), object_id 0, to be signed by a root key.
#include <set>

#include "dvb/notice/limits.h"
#include "dvb/notice/signature.h"
#include "platform/key_files.h"
#include "tools/stb-notice/input_readers.h"

namespace tools::notice {
namespace {

using dvb::notice::KeyId;
using dvb::notice::PublicKey;

std::string resolve(const std::string& base_dir, const std::string& path) {
  return path.empty() || path[0] == '/' || base_dir.empty() ? path : base_dir + "/" + path;
}

std::optional<PublicKey> readKeyFile(JsonReader& r, const Node& n, const std::string& base_dir) {
  auto path = r.string(n);
  if (!path) return std::nullopt;
  std::string error;
  const std::string file = resolve(base_dir, *path);
  auto key = platform::loadPublicKey(file, &error);
  // The loader's message names the file when it could not read it; say which otherwise.
  if (!key) r.fail(n, error.find(file) != std::string::npos ? error : file + ": " + error);
  return key;
}

}  // namespace

void readKeyList(JsonReader& r, const Node& n, const std::string& base_dir,
                 std::vector<ObjectInput>* out) {
  namespace limits = dvb::notice::limits;
  const size_t problems = r.problemCount();
  if (!r.object(n, {"revision", "signing_keys", "revoked"}) && !n.value->is_object()) return;
  const auto revision = r.integerAt(n, "revision", 1, 0xFFFFFFFF);
  dvb::notice::KeyList list;
  std::set<KeyId> listed;
  auto keys_node = r.member(n, "signing_keys", true);
  auto keys = keys_node ? r.array(*keys_node, 1, limits::kMaxKeys) : std::nullopt;
  for (const Node& item : keys.value_or(std::vector<Node>{})) {
    auto key = readKeyFile(r, item, base_dir);
    if (!key) continue;
    if (!listed.insert(key->id()).second) {
      r.fail(item, "key " + dvb::notice::keyIdHex(key->id()) + " is listed twice");
      continue;
    }
    list.signing_keys.push_back({key->id(), key->der()});
  }
  // A revoked key is named by its id or, more conveniently, by its public key file.
  if (auto m = r.member(n, "revoked", false)) {
    for (const Node& item : r.array(*m, 0, limits::kMaxRevokedKeys).value_or(std::vector<Node>{})) {
      auto text = r.string(item);
      if (!text) continue;
      std::optional<KeyId> id = dvb::notice::parseKeyIdHex(*text);
      if (!id && text->size() > 4 && text->substr(text->size() - 4) == ".pem") {
        if (auto key = readKeyFile(r, item, base_dir))
          id = key->id();
        else
          continue;
      }
      if (!id) {
        r.fail(item, "must be a key id (16 hex digits) or a public key file (.pem)");
        continue;
      }
      if (listed.count(*id)) {
        r.fail(item, "key " + dvb::notice::keyIdHex(*id) + " is also in signing_keys");
        continue;
      }
      list.revoked.push_back(*id);
    }
  }
  if (r.problemCount() != problems || !revision || !keys) return;
  appendObject(r, n, 0, static_cast<uint32_t>(*revision), list, out);
}

}  // namespace tools::notice

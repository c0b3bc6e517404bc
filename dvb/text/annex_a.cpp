// EN 300 468 Annex A: selector bytes, dispatch to the table codecs, and the encode driver.
#include "dvb/text/annex_a.h"

#include <cctype>
#include <string>
#include <utility>

#include "dvb/text/codecs.h"
#include "dvb/text/latin_compose.h"
#include "dvb/text/utf8.h"

namespace dvb::text {
namespace {

// How Annex A.2 (Table A.3) selects each table.
struct TableInfo {
  Charset charset;
  const char* name;
  int iso8859_part;  // 0 if not an ISO/IEC 8859 table
  uint8_t selector;  // first byte; 0x10 = three-byte form 0x10 0x00 part; 0 = none (default)
};

constexpr TableInfo kTables[] = {
    {Charset::Iso6937, "ISO/IEC 6937", 0, 0},
    {Charset::Iso8859_1, "ISO/IEC 8859-1", 1, 0x10},
    {Charset::Iso8859_2, "ISO/IEC 8859-2", 2, 0x10},
    {Charset::Iso8859_3, "ISO/IEC 8859-3", 3, 0x10},
    {Charset::Iso8859_4, "ISO/IEC 8859-4", 4, 0x10},
    {Charset::Iso8859_5, "ISO/IEC 8859-5", 5, 0x01},
    {Charset::Iso8859_6, "ISO/IEC 8859-6", 6, 0x02},
    {Charset::Iso8859_7, "ISO/IEC 8859-7", 7, 0x03},
    {Charset::Iso8859_8, "ISO/IEC 8859-8", 8, 0x04},
    {Charset::Iso8859_9, "ISO/IEC 8859-9", 9, 0x05},
    {Charset::Iso8859_10, "ISO/IEC 8859-10", 10, 0x06},
    {Charset::Iso8859_11, "ISO/IEC 8859-11", 11, 0x07},
    {Charset::Iso8859_13, "ISO/IEC 8859-13", 13, 0x09},
    {Charset::Iso8859_14, "ISO/IEC 8859-14", 14, 0x0A},
    {Charset::Iso8859_15, "ISO/IEC 8859-15", 15, 0x0B},
    {Charset::Ucs2, "ISO/IEC 10646 BMP (UCS-2)", 0, 0x11},
    {Charset::KsX1001, "KS X 1001-2004", 0, 0x12},
    {Charset::Gb2312, "GB-2312-1980", 0, 0x13},
    {Charset::Big5Subset, "Big5 subset of ISO/IEC 10646", 0, 0x14},
    {Charset::Utf8, "UTF-8", 0, 0x15},
};

constexpr uint8_t kIso8859Selector = 0x10;

const TableInfo& infoOf(Charset charset) {
  for (const TableInfo& info : kTables) {
    if (info.charset == charset) return info;
  }
  return kTables[0];  // unreachable for a valid enumerator
}

// The table a selector names. The one-byte selectors and 0x10 0x00 NN share kTables; 0x10 can
// also name the parts that have a short form (0x10 0x00 0x05 is 8859-5 like 0x01).
const TableInfo* tableOfSelector(uint8_t selector, int part) {
  for (const TableInfo& info : kTables) {
    if (selector == kIso8859Selector ? info.iso8859_part == part && part != 0
                                     : info.selector == selector) {
      return &info;
    }
  }
  return nullptr;
}

struct Selection {
  const TableInfo* table = nullptr;  // null: reserved, unsupported or truncated selector
  size_t length = 0;                 // selector bytes to skip
};

Selection select(const uint8_t* data, size_t size, Charset default_charset) {
  if (size == 0 || data[0] >= 0x20) return {&infoOf(default_charset), 0};
  const uint8_t first = data[0];
  if (first == kIso8859Selector) {
    // 0x10 0x00 NN; a non-zero middle byte is reserved.
    if (size < 3 || data[1] != 0x00) return {};
    return {tableOfSelector(first, data[2]), 3};
  }
  // 0x1F (encoding_type_id: Freesat/MYTV Huffman ...), 0x00, 0x08, 0x0C-0x0F and 0x16-0x1E
  // name nothing we can read; tableOfSelector() has no entry for them.
  if (first == 0x00) return {};
  return {tableOfSelector(first, 0), 1};
}

void decodeBody(const TableInfo& table, const uint8_t* data, size_t size, detail::TextSink* sink) {
  switch (table.charset) {
    case Charset::Iso6937:
      detail::decodeIso6937(data, size, sink);
      break;
    case Charset::Ucs2:
    case Charset::Big5Subset:
      detail::decodeUcs2(data, size, sink);
      break;
    case Charset::KsX1001:
    case Charset::Gb2312:
      detail::decodeEuc(table.charset, data, size, sink);
      break;
    case Charset::Utf8:
      detail::decodeUtf8(data, size, sink);
      break;
    default:
      detail::decodeIso8859(table.iso8859_part, data, size, sink);
      break;
  }
}

void writeSelector(const TableInfo& table, std::vector<uint8_t>* out) {
  if (table.selector == kIso8859Selector) {
    out->insert(out->end(), {kIso8859Selector, 0x00, static_cast<uint8_t>(table.iso8859_part)});
  } else if (table.selector != 0) {
    out->push_back(table.selector);
  }
}

bool encodeBody(const TableInfo& table, const std::u32string& text, std::vector<uint8_t>* out,
                std::string* error) {
  switch (table.charset) {
    case Charset::Iso6937:
      return detail::encodeIso6937(text, out, error);
    case Charset::Ucs2:
    case Charset::Big5Subset:
      return detail::encodeUcs2(table.charset, text, out, error);
    case Charset::KsX1001:
    case Charset::Gb2312:
      return detail::encodeEuc(table.charset, text, out, error);
    case Charset::Utf8:
      detail::encodeUtf8(text, out);
      return true;
    default:
      return detail::encodeIso8859(table.iso8859_part, table.charset, text, out, error);
  }
}

// Controls other than '\n' would be dropped by any decoder (Annex A.1), so they are refused
// rather than silently lost; this includes the DVB private-use codes U+E080-U+E09F.
bool isForbiddenControl(char32_t cp) {
  return (cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xE080 && cp <= 0xE09F);
}

// Strict UTF-8 -> code points; false with *error at the first invalid byte or control.
bool toCodePoints(std::string_view utf8, std::u32string* text, std::string* error) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = 0;
    const size_t length = detail::nextUtf8(bytes + i, utf8.size() - i, &cp);
    if (cp == detail::kInvalid) {
      *error = "invalid UTF-8 at byte offset " + std::to_string(i);
      return false;
    }
    if (isForbiddenControl(cp)) {
      *error = "control character " + detail::describeCodePoint(cp) + " at byte offset " +
               std::to_string(i) + " cannot be encoded";
      return false;
    }
    text->push_back(cp);
    i += length;
  }
  return true;
}

}  // namespace

DecodedText decode(const uint8_t* data, size_t size, const DecodeOptions& options) {
  DecodedText result;
  if (data == nullptr) size = 0;
  const Selection selection = select(data, size, options.default_charset);
  if (selection.table == nullptr) {
    result.undecodable = true;
    return result;
  }
  detail::TextSink sink;
  decodeBody(*selection.table, data + selection.length, size - selection.length, &sink);
  result.utf8 = std::move(sink.utf8);
  result.replaced = sink.replaced;
  result.charset = selection.table->charset;
  return result;
}

bool encode(std::string_view utf8, Charset charset, std::vector<uint8_t>* out, std::string* error) {
  std::string ignored;
  if (error == nullptr) error = &ignored;
  out->clear();
  std::u32string text;
  if (!toCodePoints(utf8, &text, error)) return false;
  // The legacy tables hold "é" but not "e" + U+0301; UCS-2 and UTF-8 carry the text as it is.
  if (charset != Charset::Ucs2 && charset != Charset::Utf8) detail::precomposeLatin(&text);
  const TableInfo& table = infoOf(charset);
  writeSelector(table, out);
  if (!encodeBody(table, text, out, error)) {
    out->clear();
    return false;
  }
  return true;
}

const char* charsetName(Charset charset) {
  return infoOf(charset).name;
}

std::optional<Charset> charsetFromName(std::string_view name) {
  // Compare letters and digits only, lower-cased: "ISO-8859-15", "iso8859_15"
  // and "GB2312" / "gb-2312" all match.
  std::string key;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c)))
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<const char*, Charset> kNames[] = {
      {"iso6937", Charset::Iso6937}, {"ucs2", Charset::Ucs2},       {"ksx1001", Charset::KsX1001},
      {"gb2312", Charset::Gb2312},   {"big5", Charset::Big5Subset}, {"utf8", Charset::Utf8}};
  for (const auto& [known, charset] : kNames)
    if (key == known) return charset;
  const std::string prefix = "iso8859";
  if (key.size() > prefix.size() && key.compare(0, prefix.size(), prefix) == 0) {
    const std::string part = key.substr(prefix.size());
    for (const TableInfo& info : kTables)
      if (info.iso8859_part != 0 && std::to_string(info.iso8859_part) == part) return info.charset;
  }
  return std::nullopt;
}

namespace detail {

std::string unencodable(char32_t cp, Charset charset) {
  return describeCodePoint(cp) + " cannot be encoded in " + charsetName(charset);
}

std::string noConverter(Charset charset) {
  return std::string("this system's iconv cannot convert ") + charsetName(charset);
}

}  // namespace detail
}  // namespace dvb::text

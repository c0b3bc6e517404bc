#include "platform/udp_spec.h"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace platform {
namespace {

constexpr char kScheme[] = "udp://";
constexpr size_t kSchemeLength = sizeof(kScheme) - 1;

bool parseIpv4(const std::string& text, uint32_t* out) {
  in_addr address;
  if (inet_pton(AF_INET, text.c_str(), &address) != 1) return false;
  *out = ntohl(address.s_addr);
  return true;
}

bool parsePort(const std::string& text, uint16_t* out) {
  if (text.empty() || text.size() > 5) return false;
  uint32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  if (value > 65535) return false;
  *out = static_cast<uint16_t>(value);
  return true;
}

// Parses "key=value&key=value"; only iface is known.
bool parseQuery(const std::string& query, UdpSpec* out, std::string* why) {
  size_t start = 0;
  bool have_iface = false;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string item = query.substr(start, end - start);
    const size_t equals = item.find('=');
    const std::string key = item.substr(0, equals);
    const std::string value = equals == std::string::npos ? "" : item.substr(equals + 1);
    if (key != "iface") {
      *why = "unknown option '" + key + "' (only iface=ADDR is known)";
      return false;
    }
    if (have_iface) {
      *why = "iface given twice";
      return false;
    }
    if (!parseIpv4(value, &out->iface)) {
      *why = "iface '" + value + "' is not an IPv4 address";
      return false;
    }
    have_iface = true;
    start = end + 1;
  }
  return true;
}

bool parseBody(const std::string& body, UdpSpec* out, std::string* why) {
  const size_t question = body.find('?');
  std::string authority = body.substr(0, question);
  if (!authority.empty() && authority[0] == '@') authority.erase(0, 1);
  if (authority.find('@') != std::string::npos) {
    *why = "source-specific multicast (SOURCE@GROUP) is not supported";
    return false;
  }
  if (!authority.empty() && authority[0] == '[') {
    *why = "IPv6 is not supported";
    return false;
  }
  const size_t colon = authority.rfind(':');
  if (colon == std::string::npos) {
    *why = "missing :PORT";
    return false;
  }
  const std::string host = authority.substr(0, colon);
  const std::string port = authority.substr(colon + 1);
  if (!host.empty() && !parseIpv4(host, &out->address)) {
    *why = "'" + host + "' is not an IPv4 address";
    return false;
  }
  if (!parsePort(port, &out->port)) {
    *why = "port '" + port + "' is not a number from 0 to 65535";
    return false;
  }
  if (question == std::string::npos) return true;
  if (!parseQuery(body.substr(question + 1), out, why)) return false;
  if (!out->multicast()) {
    *why = "iface= applies only to a multicast group (224.0.0.0/4)";
    return false;
  }
  return true;
}

}  // namespace

bool isUdpSpec(const std::string& spec) {
  return spec.compare(0, kSchemeLength, kScheme) == 0;
}

bool parseUdpSpec(const std::string& spec, UdpSpec* out, std::string* error) {
  std::string why = "it does not start with udp://";
  UdpSpec parsed;
  if (isUdpSpec(spec) && parseBody(spec.substr(kSchemeLength), &parsed, &why)) {
    *out = parsed;
    return true;
  }
  *error = "bad UDP source '" + spec + "': " + why +
           " (expected udp://GROUP:PORT[?iface=ADDR] or udp://@:PORT)";
  return false;
}

std::string formatIpv4(uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string(address >> 16 & 0xff) + "." +
         std::to_string(address >> 8 & 0xff) + "." + std::to_string(address & 0xff);
}

std::string formatUdpSpec(const UdpSpec& spec) {
  std::string text = kScheme;
  if (spec.address != 0) text += formatIpv4(spec.address);
  text += ":" + std::to_string(spec.port);
  if (spec.iface != 0) text += "?iface=" + formatIpv4(spec.iface);
  return text;
}

}  // namespace platform

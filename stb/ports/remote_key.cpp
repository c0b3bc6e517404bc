#include "stb/ports/remote_key.h"

#include <cctype>

namespace stb {
namespace {

struct Named {
  RemoteKey key;
  const char* name;
};

constexpr Named kNames[] = {
    {RemoteKey::kUp, "UP"},         {RemoteKey::kDown, "DOWN"}, {RemoteKey::kLeft, "LEFT"},
    {RemoteKey::kRight, "RIGHT"},   {RemoteKey::kOk, "OK"},     {RemoteKey::kBack, "BACK"},
    {RemoteKey::kExit, "EXIT"},     {RemoteKey::kMenu, "MENU"}, {RemoteKey::kHelp, "HELP"},
    {RemoteKey::kDigit0, "0"},      {RemoteKey::kDigit1, "1"},  {RemoteKey::kDigit2, "2"},
    {RemoteKey::kDigit3, "3"},      {RemoteKey::kDigit4, "4"},  {RemoteKey::kDigit5, "5"},
    {RemoteKey::kDigit6, "6"},      {RemoteKey::kDigit7, "7"},  {RemoteKey::kDigit8, "8"},
    {RemoteKey::kDigit9, "9"},      {RemoteKey::kRed, "RED"},   {RemoteKey::kGreen, "GREEN"},
    {RemoteKey::kYellow, "YELLOW"}, {RemoteKey::kBlue, "BLUE"}, {RemoteKey::kInfo, "INFO"},
    {RemoteKey::kPower, "POWER"},
};

}  // namespace

const char* remoteKeyName(RemoteKey key) {
  for (const Named& named : kNames) {
    if (named.key == key) return named.name;
  }
  return "?";
}

std::optional<RemoteKey> remoteKeyFromName(const std::string& name) {
  std::string upper = name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const Named& named : kNames) {
    if (upper == named.name) return named.key;
  }
  return std::nullopt;
}

}  // namespace stb

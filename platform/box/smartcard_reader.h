#pragma once
// The conditional-access smartcard, as far as the middleware needs it: the
// inserted card's id. Real CA modules are vendor-specific and implement
// this interface; ConfiguredSmartcardReader, the default, takes the id from
// a configured identity source (file, MAC or command).
#include <optional>
#include <string>

#include "platform/box/identity_source.h"

namespace platform {
namespace box {

class SmartcardReader {
 public:
  virtual ~SmartcardReader() = default;
  // The card's id, validated like every identity (identity_source.h).
  // Absent and *error when there is no card or it cannot be read.
  virtual std::optional<std::string> cardId(std::string* error) = 0;
  // "smartcard from file /var/run/ca/card-id" for logs.
  virtual std::string describe() const = 0;
};

class ConfiguredSmartcardReader : public SmartcardReader {
 public:
  ConfiguredSmartcardReader(IdentityReader reader, IdentitySource source)
      : reader_(reader), source_(std::move(source)) {}

  std::optional<std::string> cardId(std::string* error) override;
  std::string describe() const override { return "smartcard from " + source_.describe(); }

 private:
  IdentityReader reader_;
  IdentitySource source_;
};

}  // namespace box
}  // namespace platform

#include "stb/ports/outbox_store.h"

namespace stb {

const char* outboxKindName(OutboxKind kind) {
  return kind == OutboxKind::kReport ? "report" : "return_visit";
}

}  // namespace stb

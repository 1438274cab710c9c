// objects/text_signature.cpp — the __text_signature__ table of the built-in callables.
//
// The rows (text_signature_table.inc) are data generated from CPython 3.14. They are indexed once,
// on first use, in a hash map keyed by "owner\0name"; the function-local static makes the
// construction thread-safe and the map is never modified afterwards, so lookups take no lock.
#include "objects/text_signature.h"

#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

#include "objects/abstract.h"
#include "objects/str.h"

namespace weft {

namespace {

struct SignatureRow {
  const char* owner;
  const char* name;
  const char* signature;
};

constexpr SignatureRow kRows[] = {
#include "objects/text_signature_table.inc"
};

std::string row_key(std::string_view owner, std::string_view name) {
  std::string key(owner);
  key.push_back('\0');
  key.append(name);
  return key;
}

const std::unordered_map<std::string, const char*>& signature_index() {
  static const auto* index = [] {
    auto* map = new std::unordered_map<std::string, const char*>();
    map->reserve(std::size(kRows));
    for (const SignatureRow& row : kRows) map->emplace(row_key(row.owner, row.name), row.signature);
    return map;
  }();
  return *index;
}

const char* find(std::string_view owner, std::string_view name) {
  const auto& index = signature_index();
  auto it = index.find(row_key(owner, name));
  return it == index.end() ? nullptr : it->second;
}

}  // namespace

const char* builtin_text_signature(const char* owner, const char* name) {
  if (!owner || !name) return nullptr;
  return find(owner, name);
}

const char* slot_text_signature(const char* name) { return name ? find("<slot>", name) : nullptr; }

const char* type_text_signature(const Type* t) {
  if (type_has_flag(t, kTypeHeap) || std::strchr(t->name, '.')) return nullptr;
  return find("<type>", t->name);
}

Result<Ref<Object>> text_signature_object(const char* signature) {
  if (!signature) return new_none();
  return str_from_utf8(signature);
}

}  // namespace weft

// vm/compiler/consts.h — a code unit's constant pool (co_consts under construction).
//
// Constants are deduplicated by *kind and value*, as CPython's _PyCode_ConstantKey does: 1,
// 1.0 and True are three constants, 0.0 and -0.0 are two, and tuples compare element-wise by
// the same rule. Objects without a value key (code objects) are
// deduplicated by identity. One compilation owns the pool; no locking.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "objects/ref.h"

namespace weft::compiler {

class ConstTable {
 public:
  // The index of `value` in the pool, adding it (a new reference) if it is not there yet.
  Result<int> add(Object* value);
  Object* get(int index) const { return items_[index].get(); }
  int size() const { return static_cast<int>(items_.size()); }
  // Keeps the constants whose `used` entry is true, in order; returns old index -> new index
  // (-1 for dropped ones).
  std::vector<int> compact(const std::vector<bool>& used);
  // co_consts as a tuple.
  Result<Ref<Object>> to_tuple() const;

 private:
  std::vector<Ref<Object>> items_;
  std::unordered_map<std::string, int> index_;
};

// Appends the dedup key of `value` to `out` (exposed for tests).
void append_const_key(Object* value, std::string* out);

}  // namespace weft::compiler

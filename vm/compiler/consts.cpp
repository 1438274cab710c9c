// vm/compiler/consts.cpp — constant pool with CPython's constant-key deduplication.
//
// A key is a byte string: a one-letter type tag followed by the value's canonical bytes (the
// decimal digits of an int, the bit pattern of a float, the code points of a str, the items'
// keys of a tuple with their count, a complex's two bit patterns, a slice's three keys, a frozenset's sorted item keys). Two constants share an index exactly when CPython's
// _PyCode_ConstantKey would make them equal, which keeps co_consts identical to CPython's.
#include "vm/compiler/consts.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/complex.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/set_internal.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"

namespace weft::compiler {

namespace {

void append_raw(std::string* out, const void* data, size_t n) {
  out->append(static_cast<const char*>(data), n);
}

void append_length(std::string* out, int64_t n) { append_raw(out, &n, sizeof n); }

}  // namespace

void append_const_key(Object* value, std::string* out) {
  if (is_none(value)) {
    out->push_back('N');
  } else if (value == &EllipsisObject) {
    out->push_back('E');
  } else if (is_bool(value)) {
    out->push_back(value == py_true() ? 'T' : 'F');
  } else if (is_int_exact(value)) {
    out->push_back('i');
    std::string digits = int_to_decimal(value);
    append_length(out, static_cast<int64_t>(digits.size()));
    out->append(digits);
  } else if (is_float_exact(value)) {
    out->push_back('f');
    double d = float_value(value);
    append_raw(out, &d, sizeof d);  // bit pattern: -0.0 and 0.0 differ, NaNs by payload
  } else if (is_str_exact(value)) {
    out->push_back('s');
    int64_t n = str_length(value);
    int kind = str_kind(value);
    append_length(out, n);
    out->push_back(static_cast<char>(kind));  // canonical: equal strings have equal kinds
    append_raw(out, str_data(value), static_cast<size_t>(n) * kind);
  } else if (value->ob_type == &BytesType) {
    out->push_back('b');
    std::string_view data = bytes_view(value);
    append_length(out, static_cast<int64_t>(data.size()));
    out->append(data);
  } else if (is_tuple_exact(value)) {
    out->push_back('(');
    int64_t n = tuple_size(value);
    append_length(out, n);
    for (int64_t i = 0; i < n; ++i) append_const_key(tuple_item(value, i), out);
  } else if (is_complex_exact(value)) {
    out->push_back('c');
    const auto* c = static_cast<const ComplexObject*>(value);
    append_raw(out, &c->real, sizeof c->real);  // bit patterns, as for floats
    append_raw(out, &c->imag, sizeof c->imag);
  } else if (is_slice(value)) {
    const auto* s = static_cast<const SliceObject*>(value);
    out->push_back(':');
    append_const_key(s->start, out);
    append_const_key(s->stop, out);
    append_const_key(s->step, out);
  } else if (value->ob_type == &FrozenSetType) {
    // The items' keys in sorted order: equal frozensets (by constant key) share one key.
    std::vector<std::string> keys;
    int64_t pos = 0;
    Ref<Object> item;
    while (set_detail::next_key(value, &pos, &item)) {
      keys.emplace_back();
      append_const_key(item.get(), &keys.back());
    }
    std::sort(keys.begin(), keys.end());
    out->push_back('{');
    append_length(out, static_cast<int64_t>(keys.size()));
    for (const std::string& k : keys) out->append(k);
  } else {
    out->push_back('@');  // identity
    append_raw(out, &value, sizeof value);
  }
}

Result<int> ConstTable::add(Object* value) {
  std::string key;
  append_const_key(value, &key);
  auto [it, inserted] = index_.try_emplace(std::move(key), size());
  if (inserted) items_.push_back(new_ref(value));
  return it->second;
}

std::vector<int> ConstTable::compact(const std::vector<bool>& used) {
  std::vector<int> remap(items_.size(), -1);
  std::vector<Ref<Object>> kept;
  for (size_t i = 0; i < items_.size(); ++i) {
    if (i < used.size() && used[i]) {
      remap[i] = static_cast<int>(kept.size());
      kept.push_back(std::move(items_[i]));
    }
  }
  items_ = std::move(kept);
  index_.clear();
  for (size_t i = 0; i < items_.size(); ++i) {
    std::string key;
    append_const_key(items_[i].get(), &key);
    index_.emplace(std::move(key), static_cast<int>(i));
  }
  return remap;
}

Result<Ref<Object>> ConstTable::to_tuple() const {
  Ref<Object> t = TRY(tuple_new(size()));
  for (int i = 0; i < size(); ++i) tuple_init_item(t.get(), i, items_[i].dup());
  return t;
}

}  // namespace weft::compiler

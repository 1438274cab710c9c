// objects/list_sort.cpp — a stable natural merge sort (Timsort's structure without galloping
// mode): runs are found and extended to `minrun` with binary insertion sort, pushed on a stack
// whose lengths keep Timsort's (corrected) invariants, and merged with a buffer of at most n/2
// items, trimming each merge by binary search first. O(n log n) comparisons worst case, O(n) for
// input made of a few runs.
//
// Errors: Python comparisons may raise. The first failure sets `failed_`; from then on every
// comparison answers "not less" without calling anything, so the remaining merges finish as pure
// data movement and the arrays end as a permutation of the input (no reference lost).
// Homogeneous keys of exact int (fitting int64), float or str are compared natively, as CPython's
// unsafe_*_compare fast paths do; their order is identical to rich comparison.
#include "objects/list_sort.h"

#include <cstring>

#include "gc/alloc.h"
#include "objects/abstract.h"
#include "objects/errors.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"

namespace weft {

namespace {

enum class KeyKind { Generic, SmallInt, Float, Str };

KeyKind classify(Object* const* keys, int64_t n) {
  if (n == 0) return KeyKind::Generic;
  Type* t = type_of(keys[0]);
  for (int64_t i = 1; i < n; ++i)
    if (type_of(keys[i]) != t) return KeyKind::Generic;
  if (t == &FloatType) return KeyKind::Float;
  if (t == &StrType) return KeyKind::Str;
  if (t == &IntType) {
    int64_t v;
    for (int64_t i = 0; i < n; ++i)
      if (!int_to_i64(keys[i], &v)) return KeyKind::Generic;
    return KeyKind::SmallInt;
  }
  return KeyKind::Generic;
}

int64_t compute_minrun(int64_t n) {
  int64_t r = 0;
  while (n >= 64) {
    r |= n & 1;
    n >>= 1;
  }
  return n + r;
}

class Sorter {
 public:
  Sorter(Object** keys, Object** values, int64_t n, Object** tmp_keys, Object** tmp_values)
      : k_(keys), v_(values), n_(n), tk_(tmp_keys), tv_(tmp_values), kind_(classify(keys, n)) {}

  bool failed() const { return failed_; }

  void run() {
    int64_t minrun = compute_minrun(n_);
    int64_t lo = 0;
    while (lo < n_) {
      int64_t len = count_run(lo);
      if (len < minrun) {
        int64_t forced = n_ - lo < minrun ? n_ - lo : minrun;
        binary_insertion(lo, lo + forced, lo + len);
        len = forced;
      }
      stack_base_[stack_size_] = lo;
      stack_len_[stack_size_] = len;
      ++stack_size_;
      merge_collapse();
      lo += len;
    }
    merge_force_collapse();
  }

 private:
  bool lt(Object* a, Object* b) {
    if (failed_) return false;
    switch (kind_) {
      case KeyKind::SmallInt: {
        int64_t x = 0, y = 0;
        int_to_i64(a, &x);
        int_to_i64(b, &y);
        return x < y;
      }
      case KeyKind::Float:
        return float_value(a) < float_value(b);
      case KeyKind::Str:
        return str_compare(a, b) < 0;
      case KeyKind::Generic:
        break;
    }
    Result<bool> r = rich_compare_bool(a, b, CompareOp::Lt);
    if (r.is_error()) {
      failed_ = true;
      return false;
    }
    return r.value();
  }

  void swap_items(int64_t i, int64_t j) {
    std::swap(k_[i], k_[j]);
    if (v_) std::swap(v_[i], v_[j]);
  }

  // Length of the run starting at lo; a strictly descending run is reversed in place (strictness
  // keeps the sort stable).
  int64_t count_run(int64_t lo) {
    int64_t hi = lo + 1;
    if (hi == n_) return 1;
    if (lt(k_[hi], k_[lo])) {
      while (hi + 1 < n_ && lt(k_[hi + 1], k_[hi])) ++hi;
      for (int64_t i = lo, j = hi; i < j; ++i, --j) swap_items(i, j);
    } else {
      while (hi + 1 < n_ && !lt(k_[hi + 1], k_[hi])) ++hi;
    }
    return hi + 1 - lo;
  }

  // [lo, start) is sorted; inserts each of [start, hi) after its equals.
  void binary_insertion(int64_t lo, int64_t hi, int64_t start) {
    for (int64_t i = start; i < hi; ++i) {
      Object* key = k_[i];
      Object* val = v_ ? v_[i] : nullptr;
      int64_t l = lo, r = i;
      while (l < r) {
        int64_t m = l + (r - l) / 2;
        if (lt(key, k_[m])) r = m; else l = m + 1;
      }
      std::memmove(&k_[l + 1], &k_[l], static_cast<size_t>(i - l) * sizeof(Object*));
      k_[l] = key;
      if (v_) {
        std::memmove(&v_[l + 1], &v_[l], static_cast<size_t>(i - l) * sizeof(Object*));
        v_[l] = val;
      }
    }
  }

  // First index in [base, base+len) whose key is greater than `key` (after equal keys).
  int64_t upper_bound(Object* key, int64_t base, int64_t len) {
    int64_t l = base, r = base + len;
    while (l < r) {
      int64_t m = l + (r - l) / 2;
      if (lt(key, k_[m])) r = m; else l = m + 1;
    }
    return l;
  }
  // First index in [base, base+len) whose key is not less than `key` (before equal keys).
  int64_t lower_bound(Object* key, int64_t base, int64_t len) {
    int64_t l = base, r = base + len;
    while (l < r) {
      int64_t m = l + (r - l) / 2;
      if (lt(k_[m], key)) l = m + 1; else r = m;
    }
    return l;
  }

  void copy_out(int64_t from, int64_t count) {
    std::memcpy(tk_, &k_[from], static_cast<size_t>(count) * sizeof(Object*));
    if (v_) std::memcpy(tv_, &v_[from], static_cast<size_t>(count) * sizeof(Object*));
  }
  void put(int64_t dst, Object** keys, Object** vals, int64_t src) {
    k_[dst] = keys[src];
    if (v_) v_[dst] = vals[src];
  }

  // Merges the adjacent sorted runs [a, a+na) and [a+na, a+na+nb).
  void merge(int64_t a, int64_t na, int64_t nb) {
    int64_t b = a + na;
    // A's items before B[0]'s position and B's items after A's last are already in place.
    int64_t skip = upper_bound(k_[b], a, na) - a;
    a += skip;
    na -= skip;
    if (na == 0) return;
    nb = lower_bound(k_[b - 1], b, nb) - b;
    if (nb == 0) return;
    if (na <= nb) merge_lo(a, na, nb); else merge_hi(a, na, nb);
  }

  void merge_lo(int64_t a, int64_t na, int64_t nb) {
    copy_out(a, na);
    int64_t i = 0, j = a + na, end = a + na + nb, dst = a;
    while (i < na && j < end) {
      if (lt(k_[j], tk_[i])) put(dst++, k_, v_, j++);
      else put(dst++, tk_, tv_, i++);
    }
    while (i < na) put(dst++, tk_, tv_, i++);
  }

  void merge_hi(int64_t a, int64_t na, int64_t nb) {
    int64_t b = a + na;
    copy_out(b, nb);
    int64_t i = b - 1, j = nb - 1, dst = b + nb - 1;
    while (i >= a && j >= 0) {
      if (lt(tk_[j], k_[i])) put(dst--, k_, v_, i--);
      else put(dst--, tk_, tv_, j--);
    }
    while (j >= 0) put(dst--, tk_, tv_, j--);
  }

  void merge_at(int i) {
    merge(stack_base_[i], stack_len_[i], stack_len_[i + 1]);
    stack_len_[i] += stack_len_[i + 1];
    for (int j = i + 1; j + 1 < stack_size_; ++j) {
      stack_base_[j] = stack_base_[j + 1];
      stack_len_[j] = stack_len_[j + 1];
    }
    --stack_size_;
  }

  // Keeps len[i-2] > len[i-1] + len[i] and len[i-1] > len[i] for the top runs (Timsort, with the
  // 2015 fix that checks one level deeper).
  void merge_collapse() {
    while (stack_size_ > 1) {
      int n = stack_size_ - 2;
      const int64_t* len = stack_len_;
      if ((n > 0 && len[n - 1] <= len[n] + len[n + 1]) ||
          (n > 1 && len[n - 2] <= len[n - 1] + len[n])) {
        if (len[n - 1] < len[n + 1]) --n;
      } else if (len[n] > len[n + 1]) {
        break;
      }
      merge_at(n);
    }
  }

  void merge_force_collapse() {
    while (stack_size_ > 1) {
      int n = stack_size_ - 2;
      if (n > 0 && stack_len_[n - 1] < stack_len_[n + 1]) --n;
      merge_at(n);
    }
  }

  Object** k_;
  Object** v_;
  int64_t n_;
  Object** tk_;
  Object** tv_;
  KeyKind kind_;
  bool failed_ = false;
  // The invariants bound the stack depth by log_phi(2**64) < 100.
  static constexpr int kMaxRuns = 100;
  int64_t stack_base_[kMaxRuns];
  int64_t stack_len_[kMaxRuns];
  int stack_size_ = 0;
};

}  // namespace

Status sort_objects(Object** keys, Object** values, int64_t n) {
  if (n < 2) return ok();
  size_t half = static_cast<size_t>(n / 2 + 1);
  Object** tmp = static_cast<Object**>(gc::raw_alloc(half * sizeof(Object*) * (values ? 2 : 1)));
  if (!tmp) return raise_no_memory();
  Sorter sorter(keys, values, n, tmp, values ? tmp + half : nullptr);
  sorter.run();
  gc::raw_free(tmp);
  if (sorter.failed()) return Error{};
  return ok();
}

}  // namespace weft

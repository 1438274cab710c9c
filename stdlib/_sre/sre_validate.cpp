// stdlib/_sre/sre_validate.cpp — checks compiled regular-expression code before a Pattern may
// run it, so the matcher can read operands without bounds checks (CPython's _validate; our own
// algorithm).
//
// The check is a reachability walk over instruction positions with an explicit work list (no
// recursion, so crafted code cannot overflow the stack): every position the matcher can reach is
// decoded once; its operands must lie inside the code, its jump targets inside the code, its group
// numbers below the pattern's group count, its charsets well formed, and no path may run off the
// end. Every skip is relative to a position after the opcode, so targets only move forward and the
// walk is linear in the code size.
#include <new>
#include <vector>

#include "objects/errors.h"
#include "objects/exceptions.h"
#include "stdlib/_sre/sre_constants.h"
#include "stdlib/_sre/sre_objects.h"

namespace weft::sre {

namespace {

// The charset program at [pos, limit): true if it ends with FAILURE inside the limit.
bool valid_charset(const uint32_t* code, int64_t pos, int64_t limit) {
  while (pos < limit) {
    switch (code[pos++]) {
      case kOpFailure: return true;
      case kOpNegate: break;
      case kOpLiteral: pos += 1; break;
      case kOpCategory:
        if (pos >= limit || code[pos] >= kCategoryCount) return false;
        pos += 1;
        break;
      case kOpRange:
      case kOpRangeUniIgnore: pos += 2; break;
      case kOpCharset: pos += 256 / 32; break;
      case kOpBigcharset: {
        if (pos >= limit) return false;
        int64_t blocks = code[pos++];
        if (pos + 64 > limit) return false;
        const uint8_t* index = reinterpret_cast<const uint8_t*>(code + pos);
        for (int b = 0; b < 256; b++) {
          if (index[b] >= blocks) return false;
        }
        pos += 64 + blocks * (256 / 32);
        break;
      }
      default: return false;
    }
  }
  return false;
}

class Validator {
 public:
  Validator(const uint32_t* code, int64_t size, int64_t groups)
      : code_(code), size_(size), groups_(groups), seen_(size_t(size), false) {}

  bool run() {
    if (!reach(0)) return false;
    while (!work_.empty()) {
      int64_t pos = work_.back();
      work_.pop_back();
      if (!step(pos)) return false;
    }
    return true;
  }

 private:
  bool reach(int64_t pos) {
    if (pos < 0 || pos >= size_) return false;
    if (!seen_[pos]) {
      seen_[pos] = true;
      work_.push_back(pos);
    }
    return true;
  }
  bool has(int64_t pos, int64_t n) const { return pos + n <= size_; }  // operands present
  // The target of the skip operand at `at` (relative to `at`).
  int64_t target(int64_t at) const { return at + int64_t(code_[at]); }

  bool step(int64_t pos) {
    const uint32_t op = code_[pos];
    const int64_t a = pos + 1;  // first operand
    switch (op) {
      case kOpFailure:
      case kOpSuccess:
        return true;
      case kOpAny:
      case kOpAnyAll:
        return reach(a);
      case kOpAt:
        return has(a, 1) && code_[a] < kAtCount && reach(a + 1);
      case kOpCategory:
        return has(a, 1) && code_[a] < kCategoryCount && reach(a + 1);
      case kOpLiteral: case kOpNotLiteral:
      case kOpLiteralIgnore: case kOpNotLiteralIgnore:
      case kOpLiteralUniIgnore: case kOpNotLiteralUniIgnore:
      case kOpLiteralLocIgnore: case kOpNotLiteralLocIgnore:
        return has(a, 1) && reach(a + 1);
      case kOpMark:
        return has(a, 1) && int64_t(code_[a]) < 2 * groups_ && reach(a + 1);
      case kOpGroupref: case kOpGrouprefIgnore:
      case kOpGrouprefUniIgnore: case kOpGrouprefLocIgnore:
        return has(a, 1) && int64_t(code_[a]) < groups_ && reach(a + 1);
      case kOpGrouprefExists:
        // <GROUPREF_EXISTS> <group> <skip> yes ... no
        return has(a, 2) && int64_t(code_[a]) < groups_ && code_[a + 1] >= 2 &&
               reach(a + 2) && reach(a + code_[a + 1]);
      case kOpJump:
        return has(a, 1) && code_[a] >= 1 && reach(target(a));
      case kOpIn: case kOpInIgnore: case kOpInUniIgnore: case kOpInLocIgnore:
        return has(a, 1) && code_[a] >= 2 && target(a) <= size_ &&
               valid_charset(code_, a + 1, target(a)) && reach(target(a));
      case kOpInfo: return info(a);
      case kOpBranch: {
        // <BRANCH> <skip> alternative <JUMP> ... <0>
        int64_t p = a;
        for (;;) {
          if (!has(p, 1)) return false;
          if (code_[p] == 0) return true;
          if (!reach(p + 1)) return false;
          p = target(p);
        }
      }
      case kOpRepeatOne: case kOpMinRepeatOne: case kOpPossessiveRepeatOne:
        // <op> <skip> <min> <max> item <SUCCESS> tail
        return has(a, 3) && code_[a] >= 4 && code_[a + 1] <= code_[a + 2] &&
               target(a) <= size_ && code_[target(a) - 1] == kOpSuccess && reach(a + 3) &&
               reach(target(a));
      case kOpRepeat: {
        // <REPEAT> <skip> <min> <max> item <MAX_UNTIL|MIN_UNTIL> tail
        if (!has(a, 3) || code_[a] < 3 || code_[a + 1] > code_[a + 2]) return false;
        int64_t until = target(a);
        return until < size_ && (code_[until] == kOpMaxUntil || code_[until] == kOpMinUntil) &&
               reach(a + 3) && reach(until);
      }
      case kOpMaxUntil:
      case kOpMinUntil:
        return reach(a);
      case kOpPossessiveRepeat: {
        // <POSSESSIVE_REPEAT> <skip> <min> <max> item <SUCCESS> tail
        if (!has(a, 3) || code_[a] < 3 || code_[a + 1] > code_[a + 2]) return false;
        int64_t success = target(a);
        return success < size_ && code_[success] == kOpSuccess && reach(a + 3) &&
               reach(success + 1);
      }
      case kOpAtomicGroup:
        // <ATOMIC_GROUP> <skip> item <SUCCESS> tail
        return has(a, 1) && code_[a] >= 2 && target(a) <= size_ &&
               code_[target(a) - 1] == kOpSuccess && reach(a + 1) && reach(target(a));
      case kOpAssert:
      case kOpAssertNot:
        // <ASSERT> <skip> <back> item <SUCCESS> tail
        return has(a, 2) && code_[a] >= 3 && target(a) <= size_ &&
               code_[target(a) - 1] == kOpSuccess && reach(a + 2) && reach(target(a));
      default:
        return false;
    }
  }

  // <INFO> <skip> <flags> <min> <max> [prefix block | charset]
  bool info(int64_t a) {
    if (!has(a, 4) || code_[a] < 4) return false;
    const int64_t next = target(a);
    if (next > size_) return false;
    const uint32_t flags = code_[a + 1];
    if (flags & kInfoPrefix) {
      // <length> <skip> <length chars> <length overlap entries>
      if (a + 6 > next) return false;
      int64_t length = code_[a + 4], skip = code_[a + 5];
      if (length < 1 || skip > length || a + 6 + 2 * length > next) return false;
      // The search resumes the match after `skip` LITERAL instructions of the body.
      for (int64_t k = 0; k < skip; k++) {
        if (!has(next + 2 * k, 2) || code_[next + 2 * k] != kOpLiteral) return false;
      }
      if (!reach(next + 2 * skip)) return false;
    } else if (flags & kInfoCharset) {
      if (!valid_charset(code_, a + 4, next)) return false;
    }
    return reach(next);
  }

  const uint32_t* code_;
  int64_t size_;
  int64_t groups_;
  std::vector<bool> seen_;
  std::vector<int64_t> work_;
};

}  // namespace

Status validate_code(const uint32_t* code, int64_t size, int64_t groups) {
  bool valid;
  try {
    valid = groups >= 0 && groups <= int64_t(kMaxGroups) && Validator(code, size, groups).run();
  } catch (const std::bad_alloc&) {
    return raise_no_memory();
  }
  if (!valid) return raise(exc::RuntimeError, "invalid SRE code");
  return ok();
}

}  // namespace weft::sre

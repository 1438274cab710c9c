// vm/compiler/ast.cpp — the AST arena and the CPython names of node kinds.
//
// The arena is a bump allocator over a chain of blocks taken from gc::raw_alloc. Blocks grow
// geometrically (16 KiB first, doubling up to 1 MiB; a larger single request gets its own block),
// so a parse costs few mallocs and freeing a tree is one walk over the block list. Constants the
// tree points to are recorded in a singly linked list of cells that also live in the arena; the
// destructor drops one reference per cell before freeing the blocks.
//
// Invariants: cursor_ <= limit_ inside the newest block; every cell's object is an owned
// reference. An arena is used by one thread at a time (no locking).
#include "vm/compiler/ast.h"

#include <algorithm>

#include "gc/alloc.h"

namespace weft::ast {

namespace {
constexpr size_t kFirstBlockBytes = 16 * 1024;
constexpr size_t kMaxBlockBytes = 1024 * 1024;
constexpr size_t kBlockHeader = (sizeof(void*) * 2 + alignof(std::max_align_t) - 1) &
                                ~(alignof(std::max_align_t) - 1);
}  // namespace

Arena::~Arena() {
  for (ConstantCell* c = constants_; c; c = c->next) decref(c->object);
  for (Block* b = blocks_; b;) {
    Block* next = b->next;
    gc::raw_free(b);
    b = next;
  }
}

void* Arena::allocate(size_t bytes, size_t align) {
  assert(align && (align & (align - 1)) == 0 && align <= alignof(std::max_align_t));
  uintptr_t p = (reinterpret_cast<uintptr_t>(cursor_) + align - 1) & ~(uintptr_t(align) - 1);
  if (cursor_ && p + bytes <= reinterpret_cast<uintptr_t>(limit_)) {
    cursor_ = reinterpret_cast<char*>(p + bytes);
    return reinterpret_cast<void*>(p);
  }
  size_t last = blocks_ ? blocks_->size : kFirstBlockBytes / 2;
  size_t size = std::max(std::min(last * 2, kMaxBlockBytes), bytes);
  auto* block = static_cast<Block*>(gc::raw_alloc(kBlockHeader + size));
  if (!block) return nullptr;
  block->next = blocks_;
  block->size = size;
  blocks_ = block;
  total_bytes_ += size;
  char* start = reinterpret_cast<char*>(block) + kBlockHeader;  // max-aligned
  cursor_ = start + bytes;
  limit_ = start + size;
  return start;
}

std::string_view Arena::copy_string(std::string_view s) {
  auto* p = static_cast<char*>(allocate(s.size() + 1, 1));
  if (!p) return {};
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return std::string_view(p, s.size());
}

Object* Arena::own_constant(Ref<Object> o) {
  auto* cell = make<ConstantCell>();
  if (!cell) return nullptr;  // `o` is dropped by its destructor
  cell->object = o.release();
  cell->next = constants_;
  constants_ = cell;
  return cell->object;
}

#define WEFT_AST_NAME_CASE(name) \
  case Kind::name:               \
    return #name;
#define WEFT_AST_KIND_NAMES(KindT, LIST)  \
  const char* kind_name(KindT k) {        \
    using Kind = KindT;                   \
    switch (k) { LIST(WEFT_AST_NAME_CASE) } \
    return "?";                           \
  }
WEFT_AST_KIND_NAMES(ModKind, WEFT_AST_MOD_KINDS)
WEFT_AST_KIND_NAMES(StmtKind, WEFT_AST_STMT_KINDS)
WEFT_AST_KIND_NAMES(ExprKind, WEFT_AST_EXPR_KINDS)
WEFT_AST_KIND_NAMES(PatternKind, WEFT_AST_PATTERN_KINDS)
WEFT_AST_KIND_NAMES(TypeParamKind, WEFT_AST_TYPE_PARAM_KINDS)
WEFT_AST_KIND_NAMES(OperatorKind, WEFT_AST_OPERATORS)
WEFT_AST_KIND_NAMES(CmpOpKind, WEFT_AST_CMPOPS)
#define WEFT_AST_CONTEXTS(X) X(Load) X(Store) X(Del)
WEFT_AST_KIND_NAMES(ExprContext, WEFT_AST_CONTEXTS)
#define WEFT_AST_BOOLOPS(X) X(And) X(Or)
WEFT_AST_KIND_NAMES(BoolOpKind, WEFT_AST_BOOLOPS)
#define WEFT_AST_UNARYOPS(X) X(Invert) X(Not) X(UAdd) X(USub)
WEFT_AST_KIND_NAMES(UnaryOpKind, WEFT_AST_UNARYOPS)

}  // namespace weft::ast

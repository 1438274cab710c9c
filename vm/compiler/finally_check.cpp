// vm/compiler/finally_check.cpp — PEP 765: SyntaxWarning for `return`, `break` and `continue`
// that leave a `finally` block.
//
// CPython 3.14 checks this in its AST preprocessing pass, before the symbol table, so these
// warnings come before every codegen warning. The walk keeps CPython's context stack: entering
// a finally body, a function body or a loop body pushes a frame, and a statement is flagged
// when the innermost frame is a finally body (for `return`: not inside a function nested in it;
// for `break`/`continue`: not inside a loop nested in it). Only statements are visited: no
// expression can contain one of these statements. Runs on the compiling thread; no shared state.
#include "vm/compiler/finally_check.h"

#include <vector>

namespace weft::compiler {

namespace {

enum class Frame : unsigned char { Finally, Function, Loop };

class FinallyChecker {
 public:
  FinallyChecker(Object* filename, std::string_view source) : filename_(filename), source_(source) {}

  Status body(const ast::Seq<ast::Stmt*>& stmts) {
    for (const ast::Stmt* s : stmts) TRY(stmt(s));
    return ok();
  }

  Status in_frame(Frame f, const ast::Seq<ast::Stmt*>& stmts) {
    frames_.push_back(f);
    Status st = body(stmts);
    frames_.pop_back();
    return st;
  }

  Status stmt(const ast::Stmt* s) {
    using K = ast::StmtKind;
    switch (s->kind) {
      case K::FunctionDef: case K::AsyncFunctionDef:
        return in_frame(Frame::Function, s->as<ast::FunctionDef>()->body);
      case K::ClassDef: return body(s->as<ast::ClassDef>()->body);
      case K::For: case K::AsyncFor: {
        const auto* f = s->as<ast::For>();
        TRY(in_frame(Frame::Loop, f->body));
        return body(f->orelse);
      }
      case K::While: {
        const auto* w = s->as<ast::While>();
        TRY(in_frame(Frame::Loop, w->body));
        return body(w->orelse);
      }
      case K::If: {
        const auto* i = s->as<ast::If>();
        TRY(body(i->body));
        return body(i->orelse);
      }
      case K::With: case K::AsyncWith: return body(s->as<ast::With>()->body);
      case K::Match:
        for (const ast::MatchCase* c : s->as<ast::Match>()->cases) TRY(body(c->body));
        return ok();
      case K::Try: case K::TryStar: {
        const auto* t = s->as<ast::Try>();
        TRY(body(t->body));
        for (const ast::ExceptHandler* h : t->handlers) TRY(body(h->body));
        TRY(body(t->orelse));
        return in_frame(Frame::Finally, t->finalbody);
      }
      case K::Return: return check(s, "return");
      case K::Break: return check(s, "break");
      case K::Continue: return check(s, "continue");
      default: return ok();
    }
  }

 private:
  // The innermost frame is a finally body: nothing between it and `s` catches the jump.
  Status check(const ast::Stmt* s, const char* keyword) {
    if (frames_.empty() || frames_.back() != Frame::Finally) return ok();
    SyntaxWarningInfo w;
    w.message = std::string("'") + keyword + "' in a 'finally' block";
    w.lineno = s->loc.lineno;
    w.offset = s->loc.col_offset + 1;
    w.end_lineno = s->loc.end_lineno;
    w.end_offset = s->loc.end_col_offset + 1;
    return emit_syntax_warning(w, filename_, source_);
  }

  Object* filename_;
  std::string_view source_;
  std::vector<Frame> frames_;
};

}  // namespace

Status check_control_flow_in_finally(const ast::Mod* mod, Object* filename, std::string_view source) {
  FinallyChecker checker(filename, source);
  switch (mod->kind) {
    case ast::ModKind::Module: return checker.body(mod->as<ast::Module>()->body);
    case ast::ModKind::Interactive: return checker.body(mod->as<ast::Interactive>()->body);
    default: return ok();
  }
}

}  // namespace weft::compiler

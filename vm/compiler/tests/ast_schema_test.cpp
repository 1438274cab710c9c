// Checks ast_schema's tables against ast.h: class order, kind mapping, constructor ranges and
// field accessors (no runtime needed).
#include "vm/compiler/ast_schema.h"

#include <gtest/gtest.h>

#include <cstring>

namespace weft::ast {
namespace {

TEST(AstSchema, ClassNamesFollowTheEnum) {
#define WEFT_CHECK_NAME(cls)                   \
  EXPECT_STREQ(class_spec(AstClass::cls).name, \
               std::strcmp(#cls, "operator_") == 0 ? "operator" : #cls);
  WEFT_AST_ALL_CLASSES(WEFT_CHECK_NAME)
#undef WEFT_CHECK_NAME
}

TEST(AstSchema, KindsMapToTheirClasses) {
  EXPECT_EQ(class_of(StmtKind::Expr), AstClass::Expr);
  EXPECT_EQ(class_of(StmtKind::AsyncFunctionDef), AstClass::AsyncFunctionDef);
  EXPECT_EQ(class_of(ExprKind::Slice), AstClass::Slice);
  EXPECT_EQ(class_of(ModKind::FunctionType), AstClass::FunctionType);
  EXPECT_EQ(class_of(PatternKind::MatchOr), AstClass::MatchOr);
  EXPECT_EQ(class_of(TypeParamKind::TypeVarTuple), AstClass::TypeVarTuple);
  EXPECT_EQ(class_of(ExprContext::Del), AstClass::Del);
  EXPECT_EQ(class_of(OperatorKind::FloorDiv), AstClass::FloorDiv);
  EXPECT_EQ(class_of(CmpOpKind::NotIn), AstClass::NotIn);
  EXPECT_EQ(class_of(UnaryOpKind::USub), AstClass::USub);
  EXPECT_EQ(class_of(BoolOpKind::Or), AstClass::Or);
}

TEST(AstSchema, ConstructorRanges) {
  AstClass first;
  size_t count;
  constructors_of(AstClass::stmt, &first, &count);
  EXPECT_EQ(first, AstClass::FunctionDef);
  EXPECT_EQ(count, 28u);
  constructors_of(AstClass::expr, &first, &count);
  EXPECT_EQ(count, 29u);
  constructors_of(AstClass::operator_, &first, &count);
  EXPECT_EQ(first, AstClass::Add);
  EXPECT_EQ(count, 13u);
  constructors_of(AstClass::excepthandler, &first, &count);
  EXPECT_EQ(first, AstClass::ExceptHandler);
  EXPECT_EQ(count, 1u);
  EXPECT_TRUE(is_simple_sum(AstClass::cmpop));
  EXPECT_FALSE(is_simple_sum(AstClass::expr));
  EXPECT_TRUE(class_spec(AstClass::expr).is_abstract);
  EXPECT_EQ(class_spec(AstClass::Load).make, nullptr);
}

TEST(AstSchema, MakersSetTheKindAndAccessorsReachTheFields) {
  Arena arena;
  const ClassSpec& spec = class_spec(AstClass::AsyncFor);
  auto* stmt = static_cast<Stmt*>(spec.make(arena));
  ASSERT_NE(stmt, nullptr);
  EXPECT_EQ(stmt->kind, StmtKind::AsyncFor);
  ASSERT_EQ(spec.field_count, 5u);
  EXPECT_STREQ(spec.fields[1].name, "iter");
  EXPECT_EQ(spec.fields[1].address(stmt), static_cast<void*>(&stmt->as<For>()->iter));
  spec.location(stmt)->lineno = 7;
  EXPECT_EQ(stmt->loc.lineno, 7);

  const ClassSpec& constant = class_spec(AstClass::Constant);
  auto* expr = static_cast<Expr*>(constant.make(arena));
  EXPECT_STREQ(constant.fields[1].name, "kind");
  EXPECT_EQ(constant.fields[1].address(expr),
            static_cast<void*>(&expr->as<Constant>()->constant_kind));
  EXPECT_EQ(constant.fields[1].arity, Arity::Optional);

  const ClassSpec& dict = class_spec(AstClass::Dict);
  EXPECT_EQ(dict.fields[0].arity, Arity::ListWithNone);
  EXPECT_EQ(class_spec(AstClass::arguments).location, nullptr);
  EXPECT_NE(class_spec(AstClass::arg).location, nullptr);
  EXPECT_EQ(class_spec(AstClass::Module).location, nullptr);
}

}  // namespace
}  // namespace weft::ast

// objects/tests/typevar_test.cpp — the PEP 695 objects through the compiler's entry points
// (objects/typevar.h): lazily evaluated bounds and defaults are computed once, reprs show the
// variance, TypeAliasType defers its value; and INTRINSIC_PREP_RERAISE_STAR's rules
// (objects/exception_group.h). Template strings (objects/template.h) are built and iterated.
#include <atomic>

#include "objects/descr.h"
#include "objects/exception_group.h"
#include "objects/list.h"
#include "objects/template.h"
#include "objects/tests/container_test_util.h"
#include "objects/typevar.h"

namespace weft::testing {
namespace {

Object* as_obj(Type* t) { return reinterpret_cast<Object*>(t); }

std::atomic<int> g_evaluations{0};

// A lazy `format` function: counts its calls and evaluates to int.
Result<Ref<Object>> evaluate_int(Object*, Object* const*, size_t, Object*) {
  g_evaluations.fetch_add(1);
  return Ref<Object>::borrow(as_obj(&IntType));
}
const MethodDef kEvaluateInt = {"evaluate_int", evaluate_int, kMethFastcall, nullptr};

TEST_F(RuntimeTest, TypeVarEvaluatesItsBoundOnce) {
  Ref<Object> evaluator = MUST(builtin_function_new(&kEvaluateInt, nullptr, nullptr));
  Ref<Object> name = S("T");
  Ref<Object> tv = MUST(typevar_from_compiler(name.get(), evaluator.get(), nullptr));
  EXPECT_EQ(repr_of(tv.get()), "T");  // compiler-made: infer_variance
  g_evaluations = 0;
  Ref<Object> bound = MUST(get_attr(tv.get(), "__bound__"));
  Ref<Object> again = MUST(get_attr(tv.get(), "__bound__"));
  EXPECT_EQ(bound.get(), as_obj(&IntType));
  EXPECT_EQ(again.get(), bound.get());
  EXPECT_EQ(g_evaluations.load(), 1);
  Ref<Object> constraints = MUST(get_attr(tv.get(), "__constraints__"));
  EXPECT_EQ(repr_of(constraints.get()), "()");
  Ref<Object> dflt = MUST(get_attr(tv.get(), "__default__"));
  EXPECT_EQ(dflt.get(), no_default());
  EXPECT_EQ(repr_of(dflt.get()), "typing.NoDefault");
}

TEST_F(RuntimeTest, TypeParamDefaultsAreLazy) {
  Ref<Object> evaluator = MUST(builtin_function_new(&kEvaluateInt, nullptr, nullptr));
  Ref<Object> name = S("P");
  Ref<Object> ps = MUST(paramspec_from_compiler(name.get()));
  EXPECT_EQ(MUST(call_m(ps.get(), "has_default")).get(), py_false());
  g_evaluations = 0;
  MUST(typeparam_set_lazy_default(ps.get(), evaluator.get()));
  EXPECT_EQ(g_evaluations.load(), 0);
  EXPECT_EQ(MUST(call_m(ps.get(), "has_default")).get(), py_true());
  EXPECT_EQ(MUST(get_attr(ps.get(), "__default__")).get(), as_obj(&IntType));
  EXPECT_EQ(g_evaluations.load(), 1);
  Ref<Object> args = MUST(get_attr(ps.get(), "args"));
  EXPECT_EQ(repr_of(args.get()), "P.args");
  Ref<Object> not_a_param = I(1);
  EXPECT_TRUE(typeparam_set_lazy_default(not_a_param.get(), evaluator.get()).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "Expected a type param, got 1"));
}

TEST_F(RuntimeTest, TypeAliasDefersItsValue) {
  Ref<Object> evaluator = MUST(builtin_function_new(&kEvaluateInt, nullptr, nullptr));
  Ref<Object> name = S("Alias");
  Ref<Object> parts = MUST(tuple_pack({name.get(), none(), evaluator.get()}));
  g_evaluations = 0;
  Ref<Object> alias = MUST(typealias_from_compiler(parts.get()));
  EXPECT_EQ(g_evaluations.load(), 0);
  EXPECT_EQ(repr_of(alias.get()), "Alias");
  EXPECT_EQ(MUST(get_attr(alias.get(), "__value__")).get(), as_obj(&IntType));
  EXPECT_EQ(MUST(get_attr(alias.get(), "__value__")).get(), as_obj(&IntType));
  EXPECT_EQ(g_evaluations.load(), 1);
  EXPECT_EQ(repr_of(MUST(get_attr(alias.get(), "__type_params__")).get()), "()");
  EXPECT_TRUE(get_item(alias.get(), as_obj(&IntType)).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "Only generic type aliases are subscriptable"));
}

TEST_F(RuntimeTest, PrepReraiseStarCombinesRaisedAndReraised) {
  Ref<Object> excs = MUST(list_new(0));
  Ref<Object> value_error = MUST(call_one(as_obj(exc::ValueError), I(1).get()));
  // Nothing raised in any clause: nothing to re-raise.
  EXPECT_TRUE(is_none(MUST(exception_group_prep_reraise_star(value_error.get(), excs.get())).get()));
  // A naked exception was caught: whatever its one clause raised comes back as is.
  Ref<Object> runtime_error = MUST(call_one(as_obj(exc::RuntimeError), S("x").get()));
  MUST(list_append(excs.get(), runtime_error.get()));
  EXPECT_EQ(MUST(exception_group_prep_reraise_star(value_error.get(), excs.get())).get(),
            runtime_error.get());
  // A group: the part re-raised unchanged joins a new group with what was raised.
  Ref<Object> members = MUST(list_new(0));
  MUST(list_append(members.get(), value_error.get()));
  Ref<Object> message = S("eg");
  Object* group_args[2] = {message.get(), members.get()};
  Ref<Object> group = MUST(call(as_obj(exc::ExceptionGroup), group_args, 2));
  // Raised while handling: its context differs from the group's, unlike a bare re-raise.
  exception_set_context(runtime_error.get(), Ref<Object>::borrow(group.get()));
  Ref<Object> results = MUST(list_new(0));
  MUST(list_append(results.get(), runtime_error.get()));
  MUST(list_append(results.get(), group.get()));
  MUST(list_append(results.get(), none()));
  Ref<Object> out = MUST(exception_group_prep_reraise_star(group.get(), results.get()));
  EXPECT_EQ(repr_of(out.get()),
            "ExceptionGroup('', [RuntimeError('x'), ExceptionGroup('eg', [ValueError(1)])])");
}

TEST_F(RuntimeTest, TemplatesIterateTheirParts) {
  Ref<Object> expression = S("x");
  Ref<Object> interpolation = MUST(interpolation_new(I(42).get(), expression.get(), 'r', nullptr));
  EXPECT_EQ(repr_of(interpolation.get()), "Interpolation(42, 'x', 'r', '')");
  Ref<Object> empty = S("");
  Ref<Object> a = S("a");
  Ref<Object> strings = MUST(tuple_pack({a.get(), empty.get()}));
  Ref<Object> interpolations = MUST(tuple_pack({interpolation.get()}));
  Ref<Object> t = MUST(template_from_parts(strings.get(), interpolations.get()));
  Ref<Object> parts = MUST(list_from_iterable(t.get()));
  EXPECT_EQ(repr_of(parts.get()), "['a', Interpolation(42, 'x', 'r', '')]");
}

}  // namespace
}  // namespace weft::testing

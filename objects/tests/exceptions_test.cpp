// objects/tests/exceptions_test.cpp — the built-in exception classes: construction, args,
// str()/repr(), the subclass fields (StopIteration.value, OSError's errno mapping, NameError.name),
// subclassing from a class statement's type(), exception groups, and raising/taking the pending
// exception. Expected texts come from CPython 3.14.
#include <cerrno>
#include <string>
#include <vector>

#include "objects/dict.h"
#include "objects/list.h"
#include "objects/tests/container_test_util.h"

namespace weft::testing {
namespace {

Object* T(Type* t) { return reinterpret_cast<Object*>(t); }

Ref<Object> make(Type* type, std::vector<Object*> args, Object* kwnames = nullptr) {
  size_t nkw = kwnames ? static_cast<size_t>(tuple_size(kwnames)) : 0;
  return MUST(call(T(type), args.data(), args.size() - nkw, kwnames));
}

std::string str_of(Object* o) {
  Result<Ref<Object>> r = object_str(o);
  if (r.is_error()) {
    clear_error();
    return "<error>";
  }
  return str_to_std_string(r.value().get());
}

TEST_F(RuntimeTest, ExceptionArgsStrRepr) {
  Ref<Object> e = make(exc::ValueError, {S("a").get(), I(2).get()});
  EXPECT_EQ(repr_of(e.get()), "ValueError('a', 2)");
  EXPECT_EQ(str_of(e.get()), "('a', 2)");
  EXPECT_EQ(repr_of(exception_args(e.get())), "('a', 2)");
  Ref<Object> k = make(exc::KeyError, {S("k").get()});
  EXPECT_EQ(repr_of(k.get()), "KeyError('k')");
  EXPECT_EQ(str_of(k.get()), "'k'");
  EXPECT_EQ(str_of(make(exc::KeyError, {}).get()), "");
  EXPECT_EQ(repr_of(make(exc::BaseException, {}).get()), "BaseException()");
  Ref<Object> s = make(exc::StopIteration, {I(5).get()});
  EXPECT_EQ(int_value(stop_iteration_value(s.get())), 5);
  EXPECT_EQ(repr_of(s.get()), "StopIteration(5)");
  Ref<Object> sys_exit = make(exc::SystemExit, {I(3).get()});
  EXPECT_EQ(int_value(MUST(get_attr(sys_exit.get(), "code")).get()), 3);
}

TEST_F(RuntimeTest, OSErrorPicksSubclass) {
  Ref<Object> o = make(exc::OSError, {I(ENOENT).get(), S("No such file").get()});
  EXPECT_EQ(type_of(o.get()), exc::FileNotFoundError);
  EXPECT_EQ(str_of(o.get()), "[Errno 2] No such file");
  Ref<Object> f = make(exc::OSError, {I(ENOENT).get(), S("x").get(), S("f.txt").get()});
  EXPECT_EQ(str_of(f.get()), "[Errno 2] x: 'f.txt'");
  EXPECT_EQ(int_value(MUST(get_attr(f.get(), "errno")).get()), ENOENT);
}

TEST_F(RuntimeTest, NameErrorKeywordAndUnicodeError) {
  Ref<Object> kw = MUST(tuple_pack({S("name").get()}));
  Ref<Object> n = make(exc::NameError, {S("n").get(), S("x").get()}, kw.get());
  EXPECT_EQ(repr_of(n.get()), "NameError('n')");
  EXPECT_EQ(repr_of(MUST(get_attr(n.get(), "name")).get()), "'x'");
  Ref<Object> raw = MUST(call_m(S("\xc3\xbf").get(), "encode", {S("latin-1").get()}));
  Ref<Object> u = make(exc::UnicodeDecodeError, {S("utf-8").get(), raw.get(), I(0).get(),
                                                 I(1).get(), S("invalid start byte").get()});
  EXPECT_EQ(str_of(u.get()),
            "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
}

TEST_F(RuntimeTest, ExceptionSubclassFromTypeCall) {
  // class MyE(Exception): pass  -- made the way a class statement makes it.
  Ref<Object> ns = MUST(dict_new());
  MUST(dict_set_item_str(ns.get(), "__module__", S("m").get()));
  Ref<Object> name = S("MyE");
  Ref<Object> bases = MUST(tuple_pack({T(exc::Exception)}));
  Object* args[3] = {name.get(), bases.get(), ns.get()};
  Ref<Object> cls = MUST(call(T(&TypeType), args, 3));
  Ref<Object> e = MUST(call_one(cls.get(), S("q").get()));
  EXPECT_EQ(repr_of(e.get()), "MyE('q')");
  EXPECT_TRUE(is_exception_instance(e.get()));
  EXPECT_TRUE(is_exception_class(cls.get()));
  MUST(set_attr(e.get(), str_intern("extra"), I(1).get()));
  EXPECT_EQ(int_value(MUST(get_attr(e.get(), "extra")).get()), 1);
  // Raising it and taking it back gives the same instance.
  (void)raise_object(e.get());
  EXPECT_TRUE(error_matches(exc::Exception));
  EXPECT_FALSE(error_matches(exc::ValueError));
  Ref<Object> taken = take_exception();
  EXPECT_EQ(taken.get(), e.get());
  EXPECT_FALSE(error_occurred());
}

TEST_F(RuntimeTest, ExceptionGroupAndContext) {
  Ref<Object> subs = MUST(list_from_iterable(MUST(tuple_pack(
      {make(exc::ValueError, {I(1).get()}).get(), make(exc::TypeError, {I(2).get()}).get()})).get()));
  Ref<Object> g = make(exc::ExceptionGroup, {S("grp").get(), subs.get()});
  EXPECT_EQ(repr_of(g.get()), "ExceptionGroup('grp', [ValueError(1), TypeError(2)])");
  EXPECT_EQ(str_of(g.get()), "grp (2 sub-exceptions)");
  Ref<Object> a = make(exc::ValueError, {});
  Ref<Object> b = make(exc::KeyError, {});
  exception_set_cause(b.get(), a.dup());
  EXPECT_EQ(exception_cause(b.get()), a.get());
  EXPECT_TRUE(MUST(get_attr(b.get(), "__suppress_context__")).get() == py_true());
}

}  // namespace
}  // namespace weft::testing

// objects/tests/object_model_test.cpp — classes made with type(name, bases, dict), the slots
// they get from their dunders, wrapper descriptors of built-in slots, property, staticmethod,
// classmethod, super and mappingproxy; messages checked against CPython 3.14.
//
// The "Python methods" of these classes are method descriptors of `object` built from native
// functions: like Python functions they are unbound method descriptors taking self first, which
// is all the slot machinery relies on, and they need no compiler.
#include <array>
#include <string>
#include <vector>

#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/heap_type.h"
#include "objects/list.h"
#include "objects/mappingproxy.h"
#include "objects/method.h"
#include "objects/super.h"
#include "objects/tests/container_test_util.h"

namespace weft::testing {
namespace {

Object* T(Type* t) { return reinterpret_cast<Object*>(t); }
Type* AsType(Object* o) { return reinterpret_cast<Type*>(o); }

// True if the pending exception is `type` with exactly `message`; clears it either way.
bool error_is(Type* type, const std::string& message) {
  if (!error_occurred()) return false;
  bool matches = error_matches(type);
  Ref<Object> e = take_exception();
  std::string text = repr_of(e.get());
  Result<Ref<Object>> s = object_str(e.get());
  std::string msg = s.is_error() ? "<error>" : str_to_std_string(s.value().get());
  if (s.is_error()) clear_error();
  EXPECT_EQ(msg, message) << text;
  return matches && msg == message;
}

Ref<Object> make_dict(std::initializer_list<std::pair<const char*, Object*>> items) {
  Ref<Object> d = MUST(dict_new());
  for (auto& [k, v] : items) MUST(dict_set_item_str(d.get(), k, v));
  return d;
}

Result<Ref<Object>> make_class(const char* name, std::initializer_list<Object*> bases,
                               Object* dict, Object* kwnames = nullptr,
                               std::vector<Object*> kwvalues = {}) {
  Ref<Object> n = MUST(str_from_utf8(name));
  Ref<Object> b = MUST(tuple_from_array(bases.begin(), static_cast<int64_t>(bases.size())));
  std::vector<Object*> args = {n.get(), b.get(), dict};
  args.insert(args.end(), kwvalues.begin(), kwvalues.end());
  return call(T(&TypeType), args.data(), 3, kwnames);
}

Ref<Object> new_class(const char* name, std::initializer_list<Object*> bases,
                      std::initializer_list<std::pair<const char*, Object*>> items = {}) {
  Ref<Object> d = make_dict(items);
  if (!MUST(dict_contains(d.get(), str_intern("__module__")))) MUST(dict_set_item_str(d.get(), "__module__", S("m").get()));
  return MUST(make_class(name, bases, d.get()));
}

// --- native methods used as "Python" dunders ------------------------------------------------------

int g_calls = 0;
Result<Ref<Object>> add_impl(Object*, Object* const* args, size_t, Object*) {
  ++g_calls;
  if (!is_int(args[0])) return new_ref(not_implemented());
  return int_add(args[0], I(100).get());
}
Result<Ref<Object>> len_impl(Object*, Object* const*, size_t, Object*) { return int_from_i64(7); }
Result<Ref<Object>> bad_len_impl(Object*, Object* const*, size_t, Object*) {
  return int_from_i64(-1);
}
Result<Ref<Object>> getitem_impl(Object*, Object* const* args, size_t, Object*) {
  return int_add(args[0], args[0]);
}
Result<Ref<Object>> eq_impl(Object*, Object* const*, size_t, Object*) { return new_bool(true); }
Result<Ref<Object>> hash_impl(Object*, Object* const*, size_t, Object*) { return int_from_i64(42); }
Result<Ref<Object>> next_impl(Object* self, Object* const*, size_t, Object*) {
  Ref<Object> n = MUST(get_attr(self, "n"));
  int64_t v = int_value(n.get());
  if (v >= 3) return raise_stop_iteration(nullptr);
  MUST(set_attr(self, str_intern("n"), I(v + 1).get()));
  return n;
}
Result<Ref<Object>> iter_impl(Object* self, Object* const*, size_t, Object*) {
  return new_ref(self);
}
Result<Ref<Object>> init_impl(Object* self, Object* const* args, size_t nargs, Object*) {
  if (nargs != 1) return raise(exc::TypeError, "init_impl wants one argument");
  TRY(set_attr(self, str_intern("x"), args[0]));
  return new_none();
}
Result<Ref<Object>> bad_init_impl(Object*, Object* const*, size_t, Object*) { return int_from_i64(1); }
Result<Ref<Object>> getattr_impl(Object*, Object* const* args, size_t, Object*) {
  return str_concat(S("dyn_").get(), args[0]);
}
Result<Ref<Object>> getter_impl(Object*, Object* const*, size_t, Object*) { return int_from_i64(5); }

int g_finalized = 0;
Object* g_resurrect_into = nullptr;  // a list: __del__ appends self to it when set
Result<Ref<Object>> del_impl(Object* self, Object* const*, size_t, Object*) {
  ++g_finalized;
  if (g_resurrect_into) TRY(list_append(g_resurrect_into, self));
  return new_none();
}

const MethodDef kDel = {"__del__", del_impl, kMethNoArgs, nullptr};
const MethodDef kAdd = {"__add__", add_impl, kMethOneArg, nullptr};
const MethodDef kLen = {"__len__", len_impl, kMethNoArgs, nullptr};
const MethodDef kBadLen = {"__len__", bad_len_impl, kMethNoArgs, nullptr};
const MethodDef kGetItem = {"__getitem__", getitem_impl, kMethOneArg, nullptr};
const MethodDef kEq = {"__eq__", eq_impl, kMethOneArg, nullptr};
const MethodDef kHash = {"__hash__", hash_impl, kMethNoArgs, nullptr};
const MethodDef kNext = {"__next__", next_impl, kMethNoArgs, nullptr};
const MethodDef kIter = {"__iter__", iter_impl, kMethNoArgs, nullptr};
const MethodDef kInit = {"__init__", init_impl, kMethFastcall, nullptr};
const MethodDef kBadInit = {"__init__", bad_init_impl, kMethFastcall, nullptr};
const MethodDef kGetAttr = {"__getattr__", getattr_impl, kMethOneArg, nullptr};
const MethodDef kGetter = {"x", getter_impl, kMethNoArgs, nullptr};

Ref<Object> method(const MethodDef& def) { return MUST(method_descriptor_new(&ObjectType, &def)); }

TEST_F(RuntimeTest, ClassBasics) {
  Ref<Object> c = new_class("C", {});
  EXPECT_EQ(repr_of(c.get()), "<class 'm.C'>");
  Type* t = AsType(c.get());
  EXPECT_TRUE(type_has_flag(t, kTypeHeap));
  EXPECT_EQ(repr_of(t->mro), "(<class 'm.C'>, <class 'object'>)");
  EXPECT_EQ(type_of(c.get()), &TypeType);
  Ref<Object> d = MUST(get_attr(c.get(), "__dict__"));
  EXPECT_EQ(type_of(d.get()), &MappingProxyType);
  EXPECT_TRUE(is_none(MUST(get_item(d.get(), S("__doc__").get())).get()));
  EXPECT_EQ(repr_of(MUST(get_item(d.get(), S("__dict__").get())).get()),
            "<attribute '__dict__' of 'C' objects>");
  EXPECT_TRUE(set_item(d.get(), S("x").get(), none()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "'mappingproxy' object does not support item assignment"));

  Ref<Object> obj = MUST(call_noargs(c.get()));
  EXPECT_EQ(repr_of(obj.get()).rfind("<m.C object at 0x", 0), 0u);
  MUST(set_attr(obj.get(), str_intern("a"), I(3).get()));
  EXPECT_EQ(int_value(MUST(get_attr(obj.get(), "a")).get()), 3);
  EXPECT_TRUE(get_attr(obj.get(), "b").is_error());
  EXPECT_TRUE(error_is(exc::AttributeError, "'C' object has no attribute 'b'"));
  EXPECT_EQ(repr_of(MUST(get_attr(obj.get(), "__dict__")).get()), "{'a': 3}");
  EXPECT_TRUE(call_one(c.get(), I(1).get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "C() takes no arguments"));
  // Class attributes set later are seen by instances.
  MUST(set_attr(c.get(), str_intern("k"), I(9).get()));
  EXPECT_EQ(int_value(MUST(get_attr(obj.get(), "k")).get()), 9);
  Ref<Object> q = make_dict({{"__qualname__", S("Outer.C").get()}, {"__module__", S("m").get()}});
  Ref<Object> c2 = MUST(make_class("C", {}, q.get()));
  EXPECT_EQ(repr_of(c2.get()), "<class 'm.Outer.C'>");
  EXPECT_FALSE(MUST(dict_contains(AsType(c2.get())->dict, str_intern("__qualname__"))));
  MUST(set_attr(c2.get(), str_intern("__name__"), S("D").get()));
  MUST(set_attr(c2.get(), str_intern("__qualname__"), S("D").get()));
  EXPECT_EQ(repr_of(c2.get()), "<class 'm.D'>");
  EXPECT_STREQ(AsType(c2.get())->name, "D");
  EXPECT_TRUE(set_attr(c2.get(), str_intern("__name__"), I(1).get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "can only assign string to D.__name__, not 'int'"));
  EXPECT_TRUE(set_attr(T(&IntType), str_intern("__name__"), S("x").get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "cannot set '__name__' attribute of immutable type 'int'"));
}

TEST_F(RuntimeTest, ClassCreationErrors) {
  Ref<Object> empty = MUST(dict_new());
  Ref<Object> one = I(1), two = I(2), three = I(3);
  Object* a1[3] = {one.get(), two.get(), three.get()};
  EXPECT_TRUE(call(T(&TypeType), a1, 3).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "type.__new__() argument 1 must be str, not int"));
  Ref<Object> name = S("a");
  Object* a2[3] = {name.get(), two.get(), three.get()};
  EXPECT_TRUE(call(T(&TypeType), a2, 3).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "type.__new__() argument 2 must be tuple, not int"));
  Object* a4[2] = {name.get(), two.get()};
  EXPECT_TRUE(call(T(&TypeType), a4, 2).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "type() takes 1 or 3 arguments"));
  EXPECT_TRUE(make_class("a", {T(&BoolType)}, empty.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "type 'bool' is not an acceptable base type"));
  EXPECT_TRUE(make_class("a", {T(&IntType), T(&StrType)}, empty.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "multiple bases have instance lay-out conflict"));
  Ref<Object> a = new_class("A", {});
  Ref<Object> b = new_class("B", {a.get()});
  EXPECT_TRUE(make_class("C", {a.get(), b.get()}, empty.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError,
                       "Cannot create a consistent method resolution order (MRO) for bases A, B"));
  EXPECT_TRUE(make_class("C", {a.get(), a.get()}, empty.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "duplicate base class A"));
  Ref<Object> bad_qual = make_dict({{"__qualname__", one.get()}});
  EXPECT_TRUE(make_class("C", {}, bad_qual.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "type __qualname__ must be a str, not int"));
  Ref<Object> bad_cell = make_dict({{"__classcell__", one.get()}});
  EXPECT_TRUE(make_class("C", {}, bad_cell.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "__classcell__ must be a nonlocal cell, not <class 'int'>"));
  // Keywords go to __init_subclass__, which object's does not accept.
  Ref<Object> kwnames = MUST(tuple_pack({S("foo").get()}));
  EXPECT_TRUE(make_class("C", {}, empty.get(), kwnames.get(), {one.get()}).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "C.__init_subclass__() takes no keyword arguments"));
}

TEST_F(RuntimeTest, DiamondMroAndMetaclass) {
  Ref<Object> a = new_class("A", {});
  Ref<Object> b = new_class("B", {a.get()});
  Ref<Object> c = new_class("C", {a.get()});
  Ref<Object> d = new_class("D", {b.get(), c.get()});
  EXPECT_EQ(repr_of(AsType(d.get())->mro),
            "(<class 'm.D'>, <class 'm.B'>, <class 'm.C'>, <class 'm.A'>, <class 'object'>)");
  EXPECT_TRUE(MUST(is_subclass(d.get(), a.get())));
  // A metaclass derived from type; classes made by it have it as their type.
  Ref<Object> meta = new_class("Meta", {T(&TypeType)});
  Ref<Object> ns = make_dict({{"__module__", S("m").get()}});
  Ref<Object> n = S("X");
  Ref<Object> bases = MUST(tuple_new(0));
  Object* args[3] = {n.get(), bases.get(), ns.get()};
  Ref<Object> x = MUST(call(meta.get(), args, 3));
  EXPECT_EQ(type_of(x.get()), AsType(meta.get()));
  // A plain class deriving from X inherits the metaclass.
  Ref<Object> y = new_class("Y", {x.get()});
  EXPECT_EQ(type_of(y.get()), AsType(meta.get()));
  Ref<Object> meta2 = new_class("Meta2", {T(&TypeType)});
  Ref<Object> z = MUST(call(meta2.get(), args, 3));
  EXPECT_TRUE(make_class("W", {x.get(), z.get()}, ns.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError,
                       "metaclass conflict: the metaclass of a derived class must be a "
                       "(non-strict) subclass of the metaclasses of all its bases"));
}

TEST_F(RuntimeTest, DunderSlots) {
  Ref<Object> c = new_class("C", {}, {{"__add__", method(kAdd).get()},
                                      {"__len__", method(kLen).get()},
                                      {"__getitem__", method(kGetItem).get()}});
  Ref<Object> obj = MUST(call_noargs(c.get()));
  g_calls = 0;
  EXPECT_EQ(int_value(MUST(binary_op(obj.get(), I(1).get(), BinaryOp::Add)).get()), 101);
  EXPECT_EQ(g_calls, 1);
  // No __radd__: 1 + obj is unsupported, with CPython's message.
  EXPECT_TRUE(binary_op(I(1).get(), obj.get(), BinaryOp::Add).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "unsupported operand type(s) for +: 'int' and 'C'"));
  // __add__ returning NotImplemented for a str operand.
  EXPECT_TRUE(binary_op(obj.get(), S("s").get(), BinaryOp::Add).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "unsupported operand type(s) for +: 'C' and 'str'"));
  // In-place falls back to __add__.
  EXPECT_EQ(int_value(MUST(binary_op(obj.get(), I(2).get(), BinaryOp::InplaceAdd)).get()), 102);
  EXPECT_EQ(MUST(object_length(obj.get())), 7);
  EXPECT_TRUE(MUST(object_is_true(obj.get())));
  EXPECT_EQ(int_value(MUST(get_item(obj.get(), I(21).get())).get()), 42);
  // The slot is a Python-dunder caller, and `__add__` still reads back from the class.
  EXPECT_NE(AsType(c.get())->number.add, nullptr);
  // Setting a dunder later updates the slot, in subclasses too.
  Ref<Object> sub = new_class("Sub", {c.get()});
  Ref<Object> sub_obj = MUST(call_noargs(sub.get()));
  MUST(set_attr(c.get(), str_intern("__len__"), method(kBadLen).get()));
  EXPECT_TRUE(object_length(sub_obj.get()).is_error());
  EXPECT_TRUE(error_is(exc::ValueError, "__len__() should return >= 0"));
  MUST(del_attr(c.get(), str_intern("__len__")));
  EXPECT_TRUE(object_length(obj.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "object of type 'C' has no len()"));
}

TEST_F(RuntimeTest, HashAndEquality) {
  Ref<Object> c = new_class("C", {}, {{"__eq__", method(kEq).get()}});
  Ref<Object> obj = MUST(call_noargs(c.get()));
  EXPECT_TRUE(is_none(MUST(get_attr(c.get(), "__hash__")).get()));
  EXPECT_TRUE(object_hash(obj.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "unhashable type: 'C'"));
  EXPECT_TRUE(MUST(rich_compare_bool(obj.get(), I(1).get(), CompareOp::Eq)));
  // != goes through object's __ne__, which inverts __eq__.
  EXPECT_FALSE(MUST(rich_compare_bool(obj.get(), I(1).get(), CompareOp::Ne)));
  Ref<Object> h = new_class("H", {}, {{"__eq__", method(kEq).get()}, {"__hash__", method(kHash).get()}});
  Ref<Object> hobj = MUST(call_noargs(h.get()));
  EXPECT_EQ(MUST(object_hash(hobj.get())), 42);
  // A class without __eq__ keeps object's native hash and comparison (no Python detour).
  Ref<Object> plain = new_class("P", {});
  EXPECT_EQ(AsType(plain.get())->hash, ObjectType.hash);
  EXPECT_EQ(AsType(plain.get())->richcompare, ObjectType.richcompare);
  EXPECT_EQ(AsType(plain.get())->repr, ObjectType.repr);
}

TEST_F(RuntimeTest, IterationInitAndGetattr) {
  Ref<Object> c = new_class("It", {}, {{"__iter__", method(kIter).get()},
                                       {"__next__", method(kNext).get()},
                                       {"n", I(0).get()}});
  Ref<Object> it = MUST(call_noargs(c.get()));
  Ref<Object> items = MUST(list_from_iterable(it.get()));
  EXPECT_EQ(repr_of(items.get()), "[0, 1, 2]");
  Ref<Object> k = new_class("K", {}, {{"__init__", method(kInit).get()}});
  Ref<Object> kobj = MUST(call_one(k.get(), I(8).get()));
  EXPECT_EQ(int_value(MUST(get_attr(kobj.get(), "x")).get()), 8);
  Ref<Object> bad = new_class("Bad", {}, {{"__init__", method(kBadInit).get()}});
  EXPECT_TRUE(call_noargs(bad.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "__init__() should return None, not 'int'"));
  Ref<Object> g = new_class("G", {}, {{"__getattr__", method(kGetAttr).get()}, {"real", I(1).get()}});
  Ref<Object> gobj = MUST(call_noargs(g.get()));
  EXPECT_EQ(int_value(MUST(get_attr(gobj.get(), "real")).get()), 1);
  EXPECT_EQ(repr_of(MUST(get_attr(gobj.get(), "zz")).get()), "'dyn_zz'");
}

TEST_F(RuntimeTest, SlotWrappers) {
  Ref<Object> add = MUST(get_attr(T(&IntType), "__add__"));
  EXPECT_EQ(repr_of(add.get()), "<slot wrapper '__add__' of 'int' objects>");
  Ref<Object> one = I(1), two = I(2);
  Object* args[2] = {one.get(), two.get()};
  EXPECT_EQ(int_value(MUST(call(add.get(), args, 2)).get()), 3);
  EXPECT_TRUE(call(add.get(), args, 1).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "expected 1 argument, got 0"));
  Ref<Object> s = S("a");
  Object* bad[2] = {s.get(), two.get()};
  EXPECT_TRUE(call(add.get(), bad, 2).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "descriptor '__add__' requires a 'int' object but received a 'str'"));
  Ref<Object> bound = MUST(get_attr(one.get(), "__add__"));
  EXPECT_EQ(repr_of(bound.get()).rfind("<method-wrapper '__add__' of int object at 0x", 0), 0u);
  EXPECT_EQ(int_value(MUST(call_one(bound.get(), two.get())).get()), 3);
  EXPECT_EQ(repr_of(MUST(get_attr(T(&IntType), "__radd__")).get()),
            "<slot wrapper '__radd__' of 'int' objects>");
  EXPECT_EQ(repr_of(MUST(get_attr(T(&ObjectType), "__init__")).get()),
            "<slot wrapper '__init__' of 'object' objects>");
  EXPECT_EQ(repr_of(MUST(get_attr(T(&ObjectType), "__eq__")).get()),
            "<slot wrapper '__eq__' of 'object' objects>");
  // object.__setattr__(obj, name, value) bypasses a class's own __setattr__.
  Ref<Object> c = new_class("C", {});
  Ref<Object> obj = MUST(call_noargs(c.get()));
  Ref<Object> setattr = MUST(get_attr(T(&ObjectType), "__setattr__"));
  Ref<Object> name = S("v");
  Object* sargs[3] = {obj.get(), name.get(), two.get()};
  EXPECT_TRUE(is_none(MUST(call(setattr.get(), sargs, 3)).get()));
  EXPECT_EQ(int_value(MUST(get_attr(obj.get(), "v")).get()), 2);
  Ref<Object> kw = MUST(tuple_pack({S("k").get()}));
  Object* kargs[2] = {one.get(), two.get()};
  EXPECT_TRUE(call(bound.get(), kargs, 1, kw.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "wrapper __add__() takes no keyword arguments"));
}

TEST_F(RuntimeTest, PropertyStaticClassMethod) {
  Ref<Object> getter = method(kGetter);
  Ref<Object> prop = MUST(call_one(T(&PropertyType), getter.get()));
  Ref<Object> c = new_class("P", {}, {{"x", prop.get()}});
  Ref<Object> obj = MUST(call_noargs(c.get()));
  EXPECT_EQ(int_value(MUST(get_attr(obj.get(), "x")).get()), 5);
  EXPECT_TRUE(set_attr(obj.get(), str_intern("x"), none()).is_error());
  EXPECT_TRUE(error_is(exc::AttributeError, "property 'x' of 'P' object has no setter"));
  EXPECT_TRUE(del_attr(obj.get(), str_intern("x")).is_error());
  EXPECT_TRUE(error_is(exc::AttributeError, "property 'x' of 'P' object has no deleter"));
  Ref<Object> unnamed = MUST(call_noargs(T(&PropertyType)));
  EXPECT_TRUE(call_method(unnamed.get(), "__get__", std::array<Object*, 1>{obj.get()}.data(), 1)
                  .is_error());
  EXPECT_TRUE(error_is(exc::AttributeError, "property of 'P' object has no getter"));

  Ref<Object> len = MUST(get_attr(T(&ObjectType), "__sizeof__"));
  Ref<Object> sm = MUST(staticmethod_new(len.get()));
  Ref<Object> cm = MUST(classmethod_new(len.get()));
  Ref<Object> holder = new_class("H", {}, {{"s", sm.get()}, {"c", cm.get()}});
  EXPECT_EQ(MUST(get_attr(holder.get(), "s")).get(), len.get());
  Ref<Object> bound = MUST(get_attr(holder.get(), "c"));
  EXPECT_EQ(type_of(bound.get()), &MethodType);
  EXPECT_EQ(MUST(get_attr(bound.get(), "__self__")).get(), holder.get());
  EXPECT_EQ(MUST(get_attr(sm.get(), "__func__")).get(), len.get());
  EXPECT_EQ(MUST(get_attr(sm.get(), "__wrapped__")).get(), len.get());
  EXPECT_EQ(repr_of(sm.get()).rfind("<staticmethod(", 0), 0u);
}

TEST_F(RuntimeTest, SuperLookup) {
  Ref<Object> a = new_class("A", {}, {{"__len__", method(kLen).get()}, {"tag", S("a").get()}});
  Ref<Object> b = new_class("B", {a.get()}, {{"tag", S("b").get()}});
  Ref<Object> obj = MUST(call_noargs(b.get()));
  EXPECT_EQ(repr_of(MUST(super_getattr(AsType(b.get()), obj.get(), str_intern("tag"))).get()),
            "'a'");
  Ref<Object> bound_len = MUST(super_getattr(AsType(b.get()), obj.get(), str_intern("__len__")));
  EXPECT_EQ(int_value(MUST(call_noargs(bound_len.get())).get()), 7);
  EXPECT_TRUE(super_getattr(AsType(b.get()), obj.get(), str_intern("nope")).is_error());
  EXPECT_TRUE(error_is(exc::AttributeError, "'super' object has no attribute 'nope'"));
  Object* args[2] = {b.get(), obj.get()};
  Ref<Object> sup = MUST(call(T(&SuperType), args, 2));
  EXPECT_EQ(repr_of(sup.get()), "<super: <class 'B'>, <B object>>");
  EXPECT_EQ(repr_of(MUST(get_attr(sup.get(), "tag")).get()), "'a'");
  Ref<Object> s = S("x");
  Object* bad[2] = {T(&IntType), s.get()};
  EXPECT_TRUE(call(T(&SuperType), bad, 2).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "super(type, obj): obj (instance of str) is not an "
                                       "instance or subtype of type (int)."));
  Ref<Object> one = I(1);
  Object* bad2[2] = {one.get(), s.get()};
  EXPECT_TRUE(call(T(&SuperType), bad2, 2).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "super() argument 1 must be a type, not int"));
}

TEST_F(RuntimeTest, SlotsAndSubclassOfBuiltin) {
  Ref<Object> slots = MUST(tuple_pack({S("b").get(), S("a").get()}));
  Ref<Object> c = new_class("S", {}, {{"__slots__", slots.get()}});
  Ref<Object> obj = MUST(call_noargs(c.get()));
  EXPECT_TRUE(get_attr(obj.get(), "a").is_error());
  EXPECT_TRUE(error_is(exc::AttributeError, "'S' object has no attribute 'a'"));
  MUST(set_attr(obj.get(), str_intern("a"), I(1).get()));
  EXPECT_EQ(int_value(MUST(get_attr(obj.get(), "a")).get()), 1);
  EXPECT_TRUE(set_attr(obj.get(), str_intern("z"), I(1).get()).is_error());
  EXPECT_TRUE(error_is(exc::AttributeError,
                       "'S' object has no attribute 'z' and no __dict__ for setting new attributes"));
  Ref<Object> conflict = make_dict({{"__slots__", S("a").get()}, {"a", I(1).get()}});
  EXPECT_TRUE(make_class("X", {}, conflict.get()).is_error());
  EXPECT_TRUE(error_is(exc::ValueError, "'a' in __slots__ conflicts with class variable"));
  // A list subclass keeps list's native slots and gains a __dict__.
  Ref<Object> l = new_class("L", {T(&ListType)});
  Ref<Object> lobj = MUST(call_noargs(l.get()));
  EXPECT_TRUE(is_list(lobj.get()));
  MUST(list_append(lobj.get(), I(4).get()));
  EXPECT_EQ(MUST(object_length(lobj.get())), 1);
  MUST(set_attr(lobj.get(), str_intern("tag"), I(2).get()));
  EXPECT_EQ(int_value(MUST(get_attr(lobj.get(), "tag")).get()), 2);
  EXPECT_EQ(AsType(l.get())->sequence.length, ListType.sequence.length);
}

TEST_F(RuntimeTest, FinalizerRunsOnceAndMayResurrect) {
  Ref<Object> c = new_class("F", {}, {{"__del__", method(kDel).get()}});
  g_finalized = 0;
  Ref<Object> obj = MUST(call_noargs(c.get()));
  obj.reset();
  EXPECT_EQ(g_finalized, 1);
  // Resurrection: __del__ stores self; the object survives, and its __del__ never runs again.
  Ref<Object> keep = MUST(list_new(0));
  g_resurrect_into = keep.get();
  obj = MUST(call_noargs(c.get()));
  obj.reset();
  g_resurrect_into = nullptr;
  EXPECT_EQ(g_finalized, 2);
  ASSERT_EQ(list_size(keep.get()), 1);
  EXPECT_EQ(type_of(list_item_locked(keep.get(), 0)), AsType(c.get()));
  MUST(call_m(keep.get(), "clear"));
  EXPECT_EQ(g_finalized, 2);
}

TEST_F(RuntimeTest, AbstractMethodsAndInstanceDict) {
  Ref<Object> c = new_class("A", {});
  Ref<Object> names = MUST(tuple_pack({S("g").get(), S("f").get()}));
  MUST(set_attr(c.get(), str_intern("__abstractmethods__"), names.get()));
  EXPECT_TRUE(call_noargs(c.get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "Can't instantiate abstract class A without an "
                                       "implementation for abstract methods 'f', 'g'"));
  Ref<Object> none_left = MUST(tuple_new(0));
  MUST(set_attr(c.get(), str_intern("__abstractmethods__"), none_left.get()));
  Ref<Object> obj = MUST(call_noargs(c.get()));
  MUST(set_attr(obj.get(), str_intern("x"), I(1).get()));
  MUST(del_attr(obj.get(), str_intern("__dict__")));
  EXPECT_EQ(repr_of(MUST(get_attr(obj.get(), "__dict__")).get()), "{}");
  EXPECT_TRUE(set_attr(obj.get(), str_intern("__dict__"), I(1).get()).is_error());
  EXPECT_TRUE(error_is(exc::TypeError, "__dict__ must be set to a dictionary, not a 'int'"));
}

}  // namespace
}  // namespace weft::testing

// objects/tests/generic_alias_test.cpp — types.GenericAlias, typing.Union and memoryview through
// their C++ entry points: construction, repr, union flattening and de-duplication, memoryview
// exports (a ByteView pins a view against release; a view pins a bytearray against resizing)
// and the struct item codecs.
#include <cstring>

#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/generic_alias.h"
#include "objects/list.h"
#include "objects/memoryview.h"
#include "objects/memoryview_internal.h"
#include "objects/slice.h"
#include "objects/tests/container_test_util.h"
#include "objects/union.h"

namespace weft::testing {
namespace {

Object* as_obj(Type* t) { return reinterpret_cast<Object*>(t); }

TEST_F(RuntimeTest, GenericAliasWrapsNonTupleArgs) {
  Ref<Object> alias = MUST(generic_alias_new(as_obj(&ListType), as_obj(&IntType)));
  EXPECT_EQ(repr_of(alias.get()), "list[int]");
  Ref<Object> args = MUST(get_attr(alias.get(), "__args__"));
  ASSERT_TRUE(is_tuple(args.get()));
  EXPECT_EQ(tuple_size(args.get()), 1);
  Ref<Object> empty = MUST(tuple_new(0));
  EXPECT_EQ(repr_of(MUST(generic_alias_new(as_obj(&TupleType), empty.get())).get()), "tuple[()]");
}

TEST_F(RuntimeTest, GenericAliasAttributesForwardToOrigin) {
  Ref<Object> alias = MUST(generic_alias_new(as_obj(&ListType), as_obj(&IntType)));
  Ref<Object> append = MUST(get_attr(alias.get(), "append"));
  Ref<Object> list_append_attr = MUST(get_attr(as_obj(&ListType), "append"));
  EXPECT_EQ(append.get(), list_append_attr.get());
  EXPECT_TRUE(get_attr(alias.get(), "__copy__").is_error());
  EXPECT_TRUE(take_error(exc::AttributeError, "'types.GenericAlias' object has no attribute '__copy__'"));
}

TEST_F(RuntimeTest, UnionFlattensAndDeduplicates) {
  Ref<Object> a = MUST(union_type_or(as_obj(&IntType), as_obj(&StrType)));
  ASSERT_TRUE(is_union(a.get()));
  Ref<Object> b = MUST(union_type_or(a.get(), as_obj(&IntType)));
  EXPECT_EQ(repr_of(b.get()), "int | str");
  Ref<Object> c = MUST(union_type_or(b.get(), none()));
  EXPECT_EQ(repr_of(c.get()), "int | str | None");
  EXPECT_EQ(tuple_size(union_args(c.get())), 3);
  // A single member is returned as itself.
  Ref<Object> single = MUST(union_type_or(as_obj(&IntType), as_obj(&IntType)));
  EXPECT_EQ(single.get(), as_obj(&IntType));
  // Order does not matter for equality and hashing.
  Ref<Object> reversed = MUST(union_type_or(as_obj(&StrType), as_obj(&IntType)));
  EXPECT_TRUE(MUST(objects_equal(a.get(), reversed.get())));
  EXPECT_EQ(MUST(object_hash(a.get())), MUST(object_hash(reversed.get())));
  // Non-types are not unionable through `|`.
  Ref<Object> three = I(3);
  EXPECT_EQ(MUST(union_type_or(as_obj(&IntType), three.get())).get(), not_implemented());
}

TEST_F(RuntimeTest, UnionIsInstanceChecksMembers) {
  Ref<Object> u = MUST(union_type_or(as_obj(&IntType), as_obj(&StrType)));
  Ref<Object> one = I(1), text = S("x");
  Ref<Object> list = MUST(list_new());
  EXPECT_TRUE(MUST(is_instance(one.get(), u.get())));
  EXPECT_TRUE(MUST(is_instance(text.get(), u.get())));
  EXPECT_FALSE(MUST(is_instance(list.get(), u.get())));
}

TEST_F(RuntimeTest, MemoryViewPinsBytearrayAndReleases) {
  Ref<Object> ba = MUST(bytearray_from("abc"));
  Ref<Object> mv = MUST(memoryview_from_object(ba.get()));
  Ref<Object> one = I(1);
  EXPECT_TRUE(call_m(ba.get(), "append", {one.get()}).is_error());
  EXPECT_TRUE(take_error(exc::BufferError, "Existing exports of data: object cannot be re-sized"));
  {
    ByteView view = MUST(byte_view(mv.get()));
    EXPECT_EQ(view.view(), "abc");
    EXPECT_TRUE(call_m(mv.get(), "release").is_error());
    EXPECT_TRUE(take_error(exc::BufferError, "memoryview has 1 exported buffer"));
  }
  MUST(call_m(mv.get(), "release"));
  MUST(call_m(ba.get(), "append", {one.get()}));
  EXPECT_EQ(bytearray_size(ba.get()), 4);
  EXPECT_TRUE(memoryview_tobytes(mv.get()).is_error());
  EXPECT_TRUE(take_error(exc::ValueError, "operation forbidden on released memoryview object"));
}

TEST_F(RuntimeTest, MemoryViewNonContiguousExportFails) {
  Ref<Object> b = MUST(bytes_from("abcdef"));
  Ref<Object> mv = MUST(memoryview_from_object(b.get()));
  Ref<Object> step = MUST(get_item(mv.get(), MUST(slice_new(nullptr, nullptr, I(2).get())).get()));
  EXPECT_EQ(bytes_view(MUST(memoryview_tobytes(step.get())).get()), "ace");
  EXPECT_TRUE(byte_view(step.get()).is_error());
  EXPECT_TRUE(take_error(exc::BufferError, "memoryview: underlying buffer is not C-contiguous"));
}

TEST_F(RuntimeTest, MemoryViewItemCodecsRoundTrip) {
  using namespace memoryview_detail;
  char buf[8];
  const char* codes = "bBhHiIqQfde?";
  for (const char* c = codes; *c; ++c) {
    Ref<Object> value = *c == '?' ? new_bool(true) : I(*c == 'b' ? -5 : 100);
    ASSERT_FALSE(pack_item(*c, value.get(), buf).is_error()) << *c;
    Ref<Object> back = MUST(unpack_item(*c, buf));
    EXPECT_TRUE(MUST(objects_equal(back.get(), value.get()))) << *c;
  }
  Ref<Object> big = I(300);
  EXPECT_TRUE(pack_item('B', big.get(), buf).is_error());
  EXPECT_TRUE(take_error(exc::ValueError, "memoryview: invalid value for format 'B'"));
  Ref<Object> text = S("x");
  EXPECT_TRUE(pack_item('i', text.get(), buf).is_error());
  EXPECT_TRUE(take_error(exc::TypeError, "memoryview: invalid type for format 'i'"));
  // binary16: 65504 is the largest finite value, 65520 rounds up to infinity (overflow).
  Ref<Object> max_half = I(65504), too_big = I(65520);
  ASSERT_FALSE(pack_item('e', max_half.get(), buf).is_error());
  EXPECT_EQ(repr_of(MUST(unpack_item('e', buf)).get()), "65504.0");
  EXPECT_TRUE(pack_item('e', too_big.get(), buf).is_error());
  clear_error();
}

}  // namespace
}  // namespace weft::testing

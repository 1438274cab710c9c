// objects/range.h — range: an immutable arithmetic sequence of arbitrary-size ints.
#pragma once

#include <cstdint>

#include "objects/type.h"

namespace weft {

extern Type RangeType;
extern Type RangeIterType;      // range_iterator: every value fits in int64
extern Type LongRangeIterType;  // longrange_iterator: arbitrary-size ints

// start/stop/step/length are owned int objects (step != 0, length >= 0).
struct RangeObject : Object {
  Object* start;
  Object* stop;
  Object* step;
  Object* length;
};

inline bool is_range(const Object* o) { return o->ob_type == &RangeType; }

// range(start, stop, step) from ints (already __index__'ed); ValueError if step is zero.
Result<Ref<Object>> range_new(Object* start, Object* stop, Object* step);
Result<Ref<Object>> range_from_i64(int64_t start, int64_t stop, int64_t step);

}  // namespace weft

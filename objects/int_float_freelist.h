// objects/int_float_freelist.h — per-thread recycling of the memory of exact ints and floats.
//
// Arithmetic loops create and drop one int or float per operation; going to the allocator for
// each costs more than the arithmetic. Each OS thread keeps a short list of blocks of
// kNumberBlockSize bytes (enough for an IntObject without a trailing mpz, or a FloatObject).
//
// Contract (see the .cpp for why it is thread-safe):
//   take_number_block()     zeroed memory of kNumberBlockSize bytes, or nullptr when out of memory;
//   recycle_number_block(o) called by a dealloc after the fields were released, instead of
//                           free_object, for an exact int (small form) or exact float; returns
//                           false when the block was not kept, and the caller then calls
//                           free_object(o) as usual.
#pragma once

#include <cstddef>

#include "objects/float.h"
#include "objects/int.h"

namespace weft {

inline constexpr size_t kNumberBlockSize =
    sizeof(IntObject) > sizeof(FloatObject) ? sizeof(IntObject) : sizeof(FloatObject);

void* take_number_block();
bool recycle_number_block(Object* o);

}  // namespace weft

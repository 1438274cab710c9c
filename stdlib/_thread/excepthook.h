// stdlib/_thread/excepthook.h — _thread._excepthook and its argument type (excepthook.cpp).
#pragma once

#include "objects/structseq.h"

namespace weft::thread_module {

extern StructSeqType ExceptHookArgsType;  // _thread._ExceptHookArgs
Result<Ref<Object>> thread_excepthook(Object* module, Object* const* args, size_t nargs,
                                      Object* kwnames);

}  // namespace weft::thread_module

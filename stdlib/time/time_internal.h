// stdlib/time/time_internal.h — how time_module.cpp assembles `time` from its theme files.
#pragma once

#include "objects/type.h"

namespace weft::time_module {

// time_calendar.cpp: gmtime, localtime, mktime, strftime, strptime, asctime, ctime.
extern const MethodDef kCalendarFunctions[];
// time_calendar.cpp: struct_time and the timezone/altzone/daylight/tzname constants.
Status add_calendar_objects(Object* module);

}  // namespace weft::time_module

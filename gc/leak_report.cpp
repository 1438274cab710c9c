// gc/leak_report.cpp — WEFT_DEBUG_LEAKS=1: at exit, after the final collection, print to stderr
// how many GC-tracked objects are still alive, by type (gc/collector.h: report_live_objects).
//
// Why only tracked objects: the collector's lists are the only complete inventory of live
// objects (DESIGN §4: mimalloc cannot walk exited threads' heaps), and every container, class,
// function, module and instance of a class is tracked; what is missing (str, int, float, bytes)
// can only be kept alive by something tracked or by a static.
//
// Invariant: runs with the world stopped while it counts (for_each_tracked_object), allocating
// only C++ memory for the tally; the names are read afterwards, when every counted type is still
// alive (the counted instances own their classes, and nothing runs in between).
#include <algorithm>
#include <cstdio>
#include <unordered_map>
#include <utility>
#include <vector>

#include "gc/collector.h"

namespace weft::gc {

void report_live_objects(std::FILE* out) {
  std::unordered_map<const Type*, int64_t> by_type;
  for_each_tracked_object(
      [](Object* o, void* arg) {
        ++(*static_cast<std::unordered_map<const Type*, int64_t>*>(arg))[type_of(o)];
      },
      &by_type);
  std::vector<std::pair<const Type*, int64_t>> rows(by_type.begin(), by_type.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  int64_t total = 0;
  for (const auto& row : rows) total += row.second;
  std::fprintf(out, "weft: %lld tracked objects alive after the final collection\n",
               static_cast<long long>(total));
  for (const auto& [type, count] : rows)
    std::fprintf(out, "%10lld  %s\n", static_cast<long long>(count), type->name);
}

}  // namespace weft::gc

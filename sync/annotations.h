// sync/annotations.h — Clang thread-safety analysis attributes (empty on other compilers).
// The tsan preset builds with clang and -Wthread-safety, so lock policy is checked there.
#pragma once

#if defined(__clang__)
#define WEFT_TSA(x) __attribute__((x))
#else
#define WEFT_TSA(x)
#endif

#define WEFT_CAPABILITY(x) WEFT_TSA(capability(x))
#define WEFT_SCOPED_CAPABILITY WEFT_TSA(scoped_lockable)
#define WEFT_GUARDED_BY(x) WEFT_TSA(guarded_by(x))
#define WEFT_PT_GUARDED_BY(x) WEFT_TSA(pt_guarded_by(x))
#define WEFT_REQUIRES(...) WEFT_TSA(requires_capability(__VA_ARGS__))
#define WEFT_ACQUIRE(...) WEFT_TSA(acquire_capability(__VA_ARGS__))
#define WEFT_RELEASE(...) WEFT_TSA(release_capability(__VA_ARGS__))
#define WEFT_TRY_ACQUIRE(...) WEFT_TSA(try_acquire_capability(__VA_ARGS__))
#define WEFT_EXCLUDES(...) WEFT_TSA(locks_excluded(__VA_ARGS__))
#define WEFT_NO_THREAD_SAFETY_ANALYSIS WEFT_TSA(no_thread_safety_analysis)

// core/stop_the_world.h — pausing every other thread (DESIGN §5; CPython's stop_the_world in
// Python/pystate.c), for the cycle collector and a few global changes.
//
// Thread status transitions (ThreadState::status) and who performs them:
//   | from      | to        | by                 | when                                          |
//   |-----------|-----------|--------------------|-----------------------------------------------|
//   | Detached  | Attached  | the thread (CAS)   | attach(); fails while Suspended               |
//   | Attached  | Detached  | the thread (store) | detach(): before blocking                     |
//   | Detached  | Suspended | the requester (CAS)| stop_the_world(): a detached thread is paused  |
//   |           |           |                    | without its cooperation                       |
//   | Attached  | Suspended | the thread (store) | park_for_stop_the_world(): at an eval-breaker  |
//   |           |           |                    | check with kStopTheWorld set                  |
//   | Suspended | Detached  | the requester      | start_the_world(), then wakes the thread,      |
//   |           |           |                    | which was parked on its status in attach()    |
//
// Protocol:
//   stop_the_world(): takes the stop-the-world mutex (one requester at a time; a second
//     requester detaches while waiting, so the first one can suspend it), then under
//     Interpreter::threads_mutex sets `requested`, and loops: every other Detached thread is CASed
//     to Suspended and counted; every Attached one gets kStopTheWorld in its eval breaker. It
//     waits on an Event (1 ms timeouts, then rescans for threads that detached meanwhile) until
//     the count of threads still running reaches zero. Then the world is stopped: no other thread
//     runs Python code or touches objects until start_the_world().
//   park_for_stop_the_world(ts): the attached thread, seeing kStopTheWorld, detaches into
//     Suspended (releasing its critical sections, going QSBR-offline), decrements the count
//     (the last one notifies the Event), then attach() parks until the world restarts.
//   A thread created during a stop starts Suspended; a thread that exits during a stop removes
//   itself from the count.
// The requester keeps running (attached) throughout; it must not be stopped itself.
#pragma once

#include "core/thread_state.h"

namespace weft::core {

// Stops every other thread; returns once all are Suspended. Call from an attached thread (or one
// with no thread state). Not reentrant.
void stop_the_world();
// Restarts the threads stopped by the matching stop_the_world().
void start_the_world();
// True between stop_the_world() returning and start_the_world() (for assertions).
bool world_is_stopped();

// The eval breaker's handler for kStopTheWorld: suspends `ts` (the calling thread) if a stop is
// requested and returns once the world has restarted. A stale bit (no request) is just cleared.
void park_for_stop_the_world(ThreadState* ts);

// RAII pair.
class StoppedWorld {
 public:
  StoppedWorld() { stop_the_world(); }
  ~StoppedWorld() { start_the_world(); }
  StoppedWorld(const StoppedWorld&) = delete;
  StoppedWorld& operator=(const StoppedWorld&) = delete;
};

}  // namespace weft::core

namespace weft::core::detail {
// For core/thread_state.cpp, with Interpreter::threads_mutex held: a thread joining during a stop
// starts Suspended; a thread leaving during a stop is taken off the count.
void stw_thread_added_locked(ThreadState* ts);
void stw_thread_removed_locked(ThreadState* ts);
}  // namespace weft::core::detail

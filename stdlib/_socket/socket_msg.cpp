// stdlib/_socket/socket_msg.cpp — scatter/gather messages with ancillary data: socket.sendmsg,
// socket.recvmsg and the module functions CMSG_LEN/CMSG_SPACE (CPython 3.14's behaviour and
// messages). This is how file descriptors travel over AF_UNIX sockets (SCM_RIGHTS), which
// multiprocessing.reduction's sendfds/recvfds use.
//
// The arguments (buffers, ancillary items) are exported into views before the call, so the
// detached system call only touches memory the views keep alive. Both go through socket_call:
// detached, EINTR-retried, polled in timeout mode.
#include <sys/socket.h>
#include <sys/uio.h>

#include <string>
#include <vector>

#include "objects/abstract.h"
#include "objects/args.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/tuple.h"
#include "stdlib/_socket/socket_internal.h"

namespace weft::socket_module {
namespace {

// A non-negative size argument checked against `limit` (OverflowError `message` outside).
Result<size_t> bounded_size(Object* arg, size_t limit, const char* message) {
  Result<int64_t> v = index_as_i64(arg, exc::OverflowError);
  if (v.is_error()) {
    if (!error_matches(exc::OverflowError)) return Error{};
    clear_error();
    return raise(exc::OverflowError, message);
  }
  if (v.value() < 0 || static_cast<uint64_t>(v.value()) > limit)
    return raise(exc::OverflowError, message);
  return static_cast<size_t>(v.value());
}

Result<Ref<Object>> cmsg_len_fn(Object*, Object* const* args, size_t, Object*) {
  size_t n = TRY(bounded_size(args[0], INT32_MAX - CMSG_LEN(0), "CMSG_LEN() argument out of range"));
  return int_from_i64(static_cast<int64_t>(CMSG_LEN(n)));
}

Result<Ref<Object>> cmsg_space_fn(Object*, Object* const* args, size_t, Object*) {
  size_t n = TRY(bounded_size(args[0], INT32_MAX - CMSG_SPACE(1),
                              "CMSG_SPACE() argument out of range"));
  return int_from_i64(static_cast<int64_t>(CMSG_SPACE(n)));
}

// The items of an iterable argument as a tuple; TypeError `message` when it is not iterable.
Result<Ref<Object>> items_of(Object* arg, const char* message) {
  Result<Ref<Object>> items = tuple_from_iterable(arg);
  if (items.is_error()) {
    if (!error_matches(exc::TypeError)) return Error{};
    clear_error();
    return raise(exc::TypeError, message);
  }
  return items;
}

}  // namespace

// sendmsg(buffers[, ancdata[, flags[, address]]]) -> bytes sent
Result<Ref<Object>> socket_sendmsg(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("sendmsg", nargs, kw, 1, 4));
  SocketObject* s = as_socket(self);
  Ref<Object> buffers = TRY(items_of(args[0], "sendmsg() argument 1 must be an iterable"));
  std::vector<ByteView> views;
  std::vector<iovec> iov;
  for (int64_t i = 0; i < tuple_size(buffers.get()); ++i) {
    views.push_back(TRY(byte_view(tuple_item(buffers.get(), i))));
    iov.push_back(iovec{const_cast<char*>(views.back().data()), views.back().size()});
  }
  // Ancillary items (level, type, data), laid out as cmsghdrs.
  std::string control;
  if (nargs > 1) {
    Ref<Object> items = TRY(items_of(args[1], "sendmsg() argument 2 must be an iterable"));
    for (int64_t i = 0; i < tuple_size(items.get()); ++i) {
      Object* given = tuple_item(items.get(), i);
      if (!is_tuple(given) && !is_list(given))
        return raise(exc::TypeError,
                     "[sendmsg() ancillary data items]() argument must be 3-item sequence, not {}",
                     type_name_of(given));
      Ref<Object> triple = TRY(tuple_from_iterable(given));
      Object* item = triple.get();
      if (tuple_size(item) != 3)
        return raise(exc::TypeError,
                     "[sendmsg() ancillary data items]() argument must be sequence of length 3, "
                     "not {}", tuple_size(item));
      int level = TRY(int_argument(tuple_item(item, 0), 0));
      int type = TRY(int_argument(tuple_item(item, 1), 0));
      ByteView data = TRY(byte_view(tuple_item(item, 2)));
      size_t offset = control.size();
      control.resize(offset + CMSG_SPACE(data.size()), '\0');
      auto* header = reinterpret_cast<cmsghdr*>(control.data() + offset);
      header->cmsg_level = level;
      header->cmsg_type = type;
      header->cmsg_len = CMSG_LEN(data.size());
      std::copy(data.data(), data.data() + data.size(), reinterpret_cast<char*>(CMSG_DATA(header)));
    }
  }
  int flags = nargs > 2 ? TRY(int_argument(args[2], 0)) : 0;
  SockAddr addr;
  if (nargs > 3 && !is_none(args[3])) TRY(parse_address(s->family, args[3], "sendmsg", &addr));
  msghdr msg{};
  msg.msg_name = addr.length ? addr.get() : nullptr;
  msg.msg_namelen = addr.length;
  msg.msg_iov = iov.data();
  msg.msg_iovlen = iov.size();
  msg.msg_control = control.empty() ? nullptr : control.data();
  msg.msg_controllen = control.size();
  long sent = TRY(socket_call(s, true, [&](int fd) {
    return ::sendmsg(fd, &msg, flags | MSG_NOSIGNAL);
  }));
  return int_from_i64(sent);
}

// recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address)
Result<Ref<Object>> socket_recvmsg(Object* self, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("recvmsg", nargs, kw, 1, 3));
  int64_t size = TRY(index_as_i64(args[0], exc::OverflowError));
  int64_t ancsize = nargs > 1 ? TRY(index_as_i64(args[1], exc::OverflowError)) : 0;
  int flags = nargs > 2 ? TRY(int_argument(args[2], 0)) : 0;
  if (size < 0) return raise(exc::ValueError, "negative buffer size in recvmsg()");
  if (ancsize < 0) return raise(exc::ValueError, "invalid ancillary data buffer length");
  std::string data(static_cast<size_t>(size), '\0');
  std::string control(static_cast<size_t>(ancsize), '\0');
  SockAddr from;
  iovec iov{data.data(), data.size()};
  msghdr msg{};
  long got = TRY(socket_call(as_socket(self), false, [&](int fd) {
    msg = msghdr{};
    msg.msg_name = from.get();
    msg.msg_namelen = sizeof from.storage;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.empty() ? nullptr : control.data();
    msg.msg_controllen = control.size();
    return ::recvmsg(fd, &msg, flags);
  }));
  Ref<Object> ancillary = TRY(list_new(0));
  if (msg.msg_controllen > 0) {
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
      size_t header_end = static_cast<size_t>(reinterpret_cast<char*>(CMSG_DATA(c)) - control.data());
      size_t end = std::min(static_cast<size_t>(reinterpret_cast<char*>(c) - control.data()) + c->cmsg_len,
                            static_cast<size_t>(msg.msg_controllen));
      if (end < header_end) break;
      Ref<Object> level = TRY(int_from_i64(c->cmsg_level));
      Ref<Object> type = TRY(int_from_i64(c->cmsg_type));
      Ref<Object> payload = TRY(bytes_from(std::string_view(control.data() + header_end, end - header_end)));
      Ref<Object> item = TRY(tuple_pack({level.get(), type.get(), payload.get()}));
      TRY(list_append(ancillary.get(), item.get()));
    }
  }
  Ref<Object> bytes = TRY(bytes_from(std::string_view(data.data(), static_cast<size_t>(got))));
  Ref<Object> msg_flags = TRY(int_from_i64(msg.msg_flags));
  Ref<Object> address = TRY(make_address(from.get(), msg.msg_namelen));
  return tuple_pack({bytes.get(), ancillary.get(), msg_flags.get(), address.get()});
}

const MethodDef kMessageFunctions[] = {
    {"CMSG_LEN", cmsg_len_fn, kMethOneArg,
     "CMSG_LEN(length) -> control message length\n\nReturn the total length, without trailing "
     "padding, of an ancillary\ndata item with associated data of the given length."},
    {"CMSG_SPACE", cmsg_space_fn, kMethOneArg,
     "CMSG_SPACE(length) -> buffer size\n\nReturn the buffer size needed for recvmsg() to\n"
     "receive an ancillary data item with associated data\nof the given length, along with any "
     "trailing padding."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::socket_module

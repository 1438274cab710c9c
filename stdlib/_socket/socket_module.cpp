// stdlib/_socket/socket_module.cpp — assembles the `_socket` module (what Lib/socket.py is built
// on): the socket type, socketpair, close, dup, the default timeout, the byte-order functions,
// the name services of socket_netdb.cpp, the constants of socket_constants.cpp and the
// exceptions error (= OSError), herror, gaierror and timeout (= TimeoutError).
//
// The only module state is the default timeout, an atomic; herror/gaierror are made once at
// start-up and never change.
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "objects/args.h"
#include "objects/descr.h"
#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "objects/type_registry.h"
#include "stdlib/_socket/socket_internal.h"
#include "stdlib/exception_class.h"
#include "vm/module_table.h"

namespace weft::socket_module {
namespace {

// socketpair([family[, type[, proto]]]) -> (socket object, socket object)
Result<Ref<Object>> socketpair_fn(Object*, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("socketpair", nargs, kw, 0, 3));
  int family = TRY(int_argument(nargs > 0 ? args[0] : nullptr, AF_UNIX));
  int type = TRY(int_argument(nargs > 1 ? args[1] : nullptr, SOCK_STREAM));
  int proto = TRY(int_argument(nargs > 2 ? args[2] : nullptr, 0));
  int fds[2];
  if (::socketpair(family, type | SOCK_CLOEXEC, proto, fds) < 0) return raise_os_error(errno);
  Result<Ref<Object>> first = socket_from_fd(fds[0], family, type, proto);
  if (first.is_error()) {
    ::close(fds[1]);
    return Error{};
  }
  Ref<Object> second = TRY(socket_from_fd(fds[1], family, type, proto));
  return tuple_pack({first.value().get(), second.get()});
}

Result<Ref<Object>> close_fn(Object*, Object* const* args, size_t, Object*) {
  TRY(close_socket_fd(TRY(int_argument(args[0], 0))));
  return new_none();
}

Result<Ref<Object>> dup_fn(Object*, Object* const* args, size_t, Object*) {
  int fd = TRY(int_argument(args[0], 0));
  int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) return raise_os_error(errno);
  return int_from_i64(copy);
}

Result<Ref<Object>> getdefaulttimeout_fn(Object*, Object* const*, size_t, Object*) {
  return timeout_object(g_default_timeout_ns.load());
}

Result<Ref<Object>> setdefaulttimeout_fn(Object*, Object* const* args, size_t, Object*) {
  g_default_timeout_ns.store(TRY(parse_timeout(args[0])));
  return new_none();
}

// ---- byte order -------------------------------------------------------------------------------

Result<uint16_t> u16_argument(const char* fname, Object* arg) {
  int64_t v = TRY(index_as_i64(arg, exc::OverflowError));
  if (v < 0)
    return raise(exc::OverflowError,
                 "{}: can't convert negative Python int to C 16-bit unsigned integer", fname);
  if (v > 0xffff)
    return raise(exc::OverflowError,
                 "{}: Python int too large to convert to C 16-bit unsigned integer", fname);
  return static_cast<uint16_t>(v);
}

Result<uint32_t> u32_argument(Object* arg) {
  int64_t v = TRY(index_as_i64(arg, exc::OverflowError));
  if (v < 0) return raise(exc::OverflowError, "can't convert negative value to unsigned int");
  if (v > UINT32_MAX) return raise(exc::OverflowError, "int larger than 32 bits");
  return static_cast<uint32_t>(v);
}

Result<Ref<Object>> htons_fn(Object*, Object* const* args, size_t, Object*) {
  return int_from_i64(htons(TRY(u16_argument("htons", args[0]))));
}
Result<Ref<Object>> ntohs_fn(Object*, Object* const* args, size_t, Object*) {
  return int_from_i64(ntohs(TRY(u16_argument("ntohs", args[0]))));
}
Result<Ref<Object>> htonl_fn(Object*, Object* const* args, size_t, Object*) {
  return int_from_i64(htonl(TRY(u32_argument(args[0]))));
}
Result<Ref<Object>> ntohl_fn(Object*, Object* const* args, size_t, Object*) {
  return int_from_i64(ntohl(TRY(u32_argument(args[0]))));
}

const MethodDef kModuleFunctions[] = {
    {"socketpair", socketpair_fn, kMethFastcall,
     "socketpair([family[, type [, proto]]]) -> (socket object, socket object)\n\nCreate a pair "
     "of socket objects from the sockets returned by the platform\nsocketpair() function.\nThe "
     "arguments are the same as for socket() except the default family is\nAF_UNIX if defined "
     "on the platform; otherwise, the default is AF_INET."},
    {"close", close_fn, kMethOneArg, "close(integer) -> None\n\nClose an integer socket file "
     "descriptor.  This is like os.close(), but for\nsockets; on some platforms os.close() won't "
     "work for socket file descriptors."},
    {"dup", dup_fn, kMethOneArg, "dup(integer) -> integer\n\nDuplicate an integer socket file "
     "descriptor.  This is like os.dup(), but for\nsockets; on some platforms os.dup() won't "
     "work for socket file descriptors."},
    {"getdefaulttimeout", getdefaulttimeout_fn, kMethNoArgs,
     "getdefaulttimeout() -> timeout\n\nReturns the default timeout in seconds (float) for new "
     "socket objects.\nA value of None indicates that new socket objects have no timeout.\nWhen "
     "the socket module is first imported, the default is None."},
    {"setdefaulttimeout", setdefaulttimeout_fn, kMethOneArg,
     "setdefaulttimeout(timeout)\n\nSet the default timeout in seconds (float) for new socket "
     "objects.\nA value of None indicates that new socket objects have no timeout.\nWhen the "
     "socket module is first imported, the default is None."},
    {"htons", htons_fn, kMethOneArg, "Convert a 16-bit unsigned integer from host to network byte order."},
    {"ntohs", ntohs_fn, kMethOneArg, "Convert a 16-bit unsigned integer from network to host byte order."},
    {"htonl", htonl_fn, kMethOneArg, "htonl(integer) -> integer\n\nConvert a 32-bit integer from host to network byte order."},
    {"ntohl", ntohl_fn, kMethOneArg, "ntohl(integer) -> integer\n\nConvert a 32-bit integer from network to host byte order."},
    {nullptr, nullptr, 0, nullptr},
};

Status create_socket_exceptions() {
  g_herror = TRY(new_exception_class("socket", "herror", exc::OSError));
  g_gaierror = TRY(new_exception_class("socket", "gaierror", exc::OSError));
  return ok();
}

WEFT_REGISTER_TYPE_INIT(kPhaseObjects, create_socket_exceptions);

Result<Ref<Object>> create_socket_module() {
  Ref<Object> m = TRY(module_new("_socket"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc = TRY(str_from_ascii(
      "Implementation module for socket operations.\n\nSee the socket module for documentation."));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  Ref<Object> name = TRY(str_from_ascii("_socket"));
  TRY(add_functions_to_dict(dict, kModuleFunctions, m.get(), name.get()));
  TRY(add_functions_to_dict(dict, kNetdbFunctions, m.get(), name.get()));
  TRY(add_functions_to_dict(dict, kMessageFunctions, m.get(), name.get()));
  Object* socket_type = reinterpret_cast<Object*>(&SocketType);
  TRY(dict_set_item_str(dict, "socket", socket_type));
  TRY(dict_set_item_str(dict, "SocketType", socket_type));
  TRY(dict_set_item_str(dict, "error", reinterpret_cast<Object*>(exc::OSError)));
  TRY(dict_set_item_str(dict, "herror", reinterpret_cast<Object*>(g_herror)));
  TRY(dict_set_item_str(dict, "gaierror", reinterpret_cast<Object*>(g_gaierror)));
  TRY(dict_set_item_str(dict, "timeout", reinterpret_cast<Object*>(exc::TimeoutError)));
  TRY(dict_set_item_str(dict, "has_ipv6", py_bool(true)));
  TRY(add_socket_constants(dict));
  return m;
}

WEFT_NATIVE_MODULE("_socket", create_socket_module);

}  // namespace
}  // namespace weft::socket_module

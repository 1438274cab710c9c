// stdlib/_socket/socket_address.cpp — socket addresses between their Python form and struct
// sockaddr (CPython's getsockaddrarg / makesockaddr / setipaddr, with its messages), and the
// module's error helpers.
//
// AF_INET: (host, port); AF_INET6: (host, port[, flowinfo[, scope_id]]); AF_UNIX: a str, bytes
// or os.PathLike path, where a leading NUL byte names the Linux abstract namespace. Host names
// are resolved with getaddrinfo (detached: it may block on DNS); "" is INADDR_ANY and
// "<broadcast>" INADDR_BROADCAST. Stateless, so safe from any thread.
#include <arpa/inet.h>
#include <netdb.h>

#include <cstring>
#include <string>

#include "objects/abstract.h"
#include "objects/bytes.h"
#include "objects/bytes_like.h"
#include "objects/errors.h"
#include "objects/exceptions.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/_socket/socket_internal.h"
#include "stdlib/posix/posix_internal.h"

namespace weft::socket_module {

Type* g_herror;
Type* g_gaierror;

Error raise_coded_error(Type* type, int code, const char* message) {
  Result<Ref<Object>> number = int_from_i64(code);
  if (number.is_error()) return Error{};
  Result<Ref<Object>> text = str_from_utf8(message);
  if (text.is_error()) return Error{};
  Object* args[] = {number.value().get(), text.value().get()};
  Result<Ref<Object>> exc = call(reinterpret_cast<Object*>(type), args, 2);
  if (exc.is_error()) return Error{};
  return raise_object(exc.value().get());
}

Error raise_gai_error(int code) {
  if (code == EAI_SYSTEM) return raise_os_error(errno);
  return raise_coded_error(g_gaierror, code, gai_strerror(code));
}

Status host_argument(Object* host, std::string* out) {
  Ref<Object> encoded;
  std::string_view text;
  if (is_str(host)) {
    text = TRY(str_utf8(host));
    bool ascii = true;
    for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (!ascii) {
      Ref<Object> codec = TRY(str_from_ascii("idna"));
      Object* codec_arg = codec.get();
      encoded = TRY(call_method(host, "encode", &codec_arg, 1));
      text = bytes_view(encoded.get());
    }
  } else if (is_bytes(host) || is_bytearray(host)) {
    ByteView view = ByteView::of(host);
    out->assign(view.data(), view.size());
    text = *out;
  } else {
    return raise(exc::TypeError, "str, bytes or bytearray expected, not {}", type_name_of(host));
  }
  if (text.find('\0') != std::string_view::npos)
    return raise(exc::TypeError, "host name must not contain null character");
  if (out->data() != text.data()) out->assign(text);
  return ok();
}

namespace {

// CPython's setipaddr: `name` -> an address of `family` (AF_INET, AF_INET6 or AF_UNSPEC).
Status resolve_host(const std::string& name, int family, SockAddr* out) {
  std::memset(&out->storage, 0, sizeof out->storage);
  if (name.empty()) {
    // The wildcard address, found as getaddrinfo(NULL, "0", AI_PASSIVE) finds it.
    if (family == AF_INET6) {
      auto* a6 = reinterpret_cast<sockaddr_in6*>(&out->storage);
      a6->sin6_family = AF_INET6;
      a6->sin6_addr = in6addr_any;
      out->length = sizeof(sockaddr_in6);
    } else {
      auto* a4 = reinterpret_cast<sockaddr_in*>(&out->storage);
      a4->sin_family = AF_INET;
      a4->sin_addr.s_addr = htonl(INADDR_ANY);
      out->length = sizeof(sockaddr_in);
    }
    return ok();
  }
  if (name == "<broadcast>" || name == "255.255.255.255") {
    if (family != AF_INET && family != AF_UNSPEC)
      return raise(exc::OSError, "address family mismatched");
    auto* a4 = reinterpret_cast<sockaddr_in*>(&out->storage);
    a4->sin_family = AF_INET;
    a4->sin_addr.s_addr = htonl(INADDR_BROADCAST);
    out->length = sizeof(sockaddr_in);
    return ok();
  }
  if (family == AF_INET || family == AF_UNSPEC) {
    auto* a4 = reinterpret_cast<sockaddr_in*>(&out->storage);
    if (inet_pton(AF_INET, name.c_str(), &a4->sin_addr) == 1) {
      a4->sin_family = AF_INET;
      out->length = sizeof(sockaddr_in);
      return ok();
    }
  }
  if (family == AF_INET6 || family == AF_UNSPEC) {
    auto* a6 = reinterpret_cast<sockaddr_in6*>(&out->storage);
    if (inet_pton(AF_INET6, name.c_str(), &a6->sin6_addr) == 1) {
      a6->sin6_family = AF_INET6;
      out->length = sizeof(sockaddr_in6);
      return ok();
    }
  }
  addrinfo hints{};
  hints.ai_family = family;
  addrinfo* found = nullptr;
  int rc;
  {
    core::DetachGuard detached;
    rc = getaddrinfo(name.c_str(), nullptr, &hints, &found);
  }
  if (rc != 0) return raise_gai_error(rc);
  size_t length = std::min<size_t>(found->ai_addrlen, sizeof out->storage);
  std::memcpy(&out->storage, found->ai_addr, length);
  out->length = static_cast<socklen_t>(length);
  freeaddrinfo(found);
  return ok();
}

Result<int> port_number(Object* port, const char* caller) {
  if (is_float(port))
    return raise(exc::TypeError, "'float' object cannot be interpreted as an integer");
  Result<int64_t> value = index_as_i64(port, exc::OverflowError);
  if (value.is_error()) {
    if (!error_matches(exc::OverflowError)) return Error{};
    clear_error();
    return raise(exc::OverflowError, "{}(): port must be 0-65535.", caller);
  }
  if (value.value() < 0 || value.value() > 0xffff)
    return raise(exc::OverflowError, "{}(): port must be 0-65535.", caller);
  return static_cast<int>(value.value());
}

Status inet_address(Object* address, const char* caller, SockAddr* out) {
  if (!is_tuple(address))
    return raise(exc::TypeError, "{}(): AF_INET address must be tuple, not {}", caller,
                 type_name_of(address));
  if (tuple_size(address) != 2)
    return raise(exc::TypeError, "AF_INET address must be a pair (host, port)");
  std::string host;
  TRY(host_argument(tuple_item(address, 0), &host));
  int port = TRY(port_number(tuple_item(address, 1), caller));
  TRY(resolve_host(host, AF_INET, out));
  reinterpret_cast<sockaddr_in*>(&out->storage)->sin_port = htons(static_cast<uint16_t>(port));
  return ok();
}

Status inet6_address(Object* address, const char* caller, SockAddr* out) {
  if (!is_tuple(address))
    return raise(exc::TypeError, "{}(): AF_INET6 address must be tuple, not {}", caller,
                 type_name_of(address));
  int64_t n = tuple_size(address);
  if (n < 2 || n > 4)
    return raise(exc::TypeError,
                 "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
  std::string host;
  TRY(host_argument(tuple_item(address, 0), &host));
  int port = TRY(port_number(tuple_item(address, 1), caller));
  uint64_t flowinfo = 0, scope_id = 0;
  if (n > 2) {
    int64_t v = TRY(index_as_i64(tuple_item(address, 2), exc::OverflowError));
    if (v < 0 || v > 0xfffff)
      return raise(exc::OverflowError, "{}(): flowinfo must be 0-1048575.", caller);
    flowinfo = static_cast<uint64_t>(v);
  }
  if (n > 3) {
    int64_t v = TRY(index_as_i64(tuple_item(address, 3), exc::OverflowError));
    if (v < 0 || v > UINT32_MAX)
      return raise(exc::OverflowError, "Python int too large to convert to C unsigned int");
    scope_id = static_cast<uint64_t>(v);
  }
  TRY(resolve_host(host, AF_INET6, out));
  auto* a6 = reinterpret_cast<sockaddr_in6*>(&out->storage);
  a6->sin6_port = htons(static_cast<uint16_t>(port));
  a6->sin6_flowinfo = htonl(static_cast<uint32_t>(flowinfo));
  a6->sin6_scope_id = static_cast<uint32_t>(scope_id);
  return ok();
}

Status unix_address(Object* address, SockAddr* out) {
  std::string path;
  if (is_str(address)) {
    TRY(posix_module::fs_convert(address, &path));
  } else {
    ByteView view = TRY(byte_view(address));
    path.assign(view.view());
  }
  auto* un = reinterpret_cast<sockaddr_un*>(&out->storage);
  bool abstract = !path.empty() && path[0] == 0;
  // A regular path needs room for its NUL terminator; an abstract name does not.
  if (path.size() > sizeof un->sun_path - (abstract ? 0 : 1))
    return raise(exc::OSError, "AF_UNIX path too long");
  std::memset(un, 0, sizeof *un);
  un->sun_family = AF_UNIX;
  std::memcpy(un->sun_path, path.data(), path.size());
  out->length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size());
  return ok();
}

}  // namespace

Status parse_address(int family, Object* address, const char* caller, SockAddr* out) {
  switch (family) {
    case AF_INET: return inet_address(address, caller, out);
    case AF_INET6: return inet6_address(address, caller, out);
    case AF_UNIX: return unix_address(address, out);
    default: return raise(exc::OSError, "{}(): bad family", caller);
  }
}

Result<Ref<Object>> ip_text(const sockaddr* addr) {
  char text[INET6_ADDRSTRLEN];
  const void* raw = addr->sa_family == AF_INET6
                        ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr)
                        : static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(addr)->sin_addr);
  if (!inet_ntop(addr->sa_family, raw, text, sizeof text)) return raise_os_error(errno);
  return str_from_ascii(text);
}

Result<Ref<Object>> make_address(const sockaddr* addr, socklen_t length) {
  if (length == 0) return new_none();
  switch (addr->sa_family) {
    case AF_INET: {
      auto* a4 = reinterpret_cast<const sockaddr_in*>(addr);
      Ref<Object> host = TRY(ip_text(addr));
      Ref<Object> port = TRY(int_from_i64(ntohs(a4->sin_port)));
      return tuple_pack({host.get(), port.get()});
    }
    case AF_INET6: {
      auto* a6 = reinterpret_cast<const sockaddr_in6*>(addr);
      Ref<Object> host = TRY(ip_text(addr));
      Ref<Object> port = TRY(int_from_i64(ntohs(a6->sin6_port)));
      Ref<Object> flowinfo = TRY(int_from_i64(ntohl(a6->sin6_flowinfo)));
      Ref<Object> scope = TRY(int_from_i64(a6->sin6_scope_id));
      return tuple_pack({host.get(), port.get(), flowinfo.get(), scope.get()});
    }
    case AF_UNIX: {
      auto* un = reinterpret_cast<const sockaddr_un*>(addr);
      size_t n = length - offsetof(sockaddr_un, sun_path);
      if (n > 0 && un->sun_path[0] == 0) return bytes_from(std::string_view(un->sun_path, n));
      return posix_module::fs_decode(std::string_view(un->sun_path, strnlen(un->sun_path, n)));
    }
    default: {
      Ref<Object> family = TRY(int_from_i64(addr->sa_family));
      Ref<Object> data = TRY(bytes_from(std::string_view(addr->sa_data, sizeof addr->sa_data)));
      return tuple_pack({family.get(), data.get()});
    }
  }
}

Status resolve_host_name(Object* host, int family, SockAddr* out) {
  std::string name;
  TRY(host_argument(host, &name));
  return resolve_host(name, family, out);
}

}  // namespace weft::socket_module

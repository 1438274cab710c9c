// stdlib/_socket/socket_netdb.cpp — name and address services of `_socket`: getaddrinfo,
// getnameinfo, gethostname, gethostbyname(_ex), gethostbyaddr, getservbyname/port,
// getprotobyname, inet_aton/ntoa/pton/ntop and if_nameindex/nametoindex/indextoname (CPython
// 3.14's Modules/socketmodule.c behaviour and messages).
//
// Look-ups that may wait on the network (getaddrinfo, getnameinfo, gethostby*) run detached from
// the runtime. Only the re-entrant libc variants are used (gethostbyname_r, getservbyname_r...),
// so concurrent calls from several threads need no lock.
#include <arpa/inet.h>
#include <net/if.h>
#include <netdb.h>
#include <unistd.h>

#include <cstring>
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
#include "objects/str.h"
#include "objects/tuple.h"
#include "stdlib/_socket/socket_internal.h"
#include "stdlib/posix/posix_internal.h"

namespace weft::socket_module {
namespace {

// herror(h_errno, hstrerror(h_errno)).
Error raise_host_error(int code) { return raise_coded_error(g_herror, code, hstrerror(code)); }

// A str argument as UTF-8 text (TypeError "<fname>() argument N must be str, not T").
Result<std::string> str_argument(const char* fname, int position, Object* arg) {
  if (!is_str(arg))
    return raise(exc::TypeError, "{}() argument {} must be str, not {}", fname, position,
                 type_name_of(arg));
  std::string_view text = TRY(str_utf8(arg));
  if (text.find('\0') != std::string_view::npos)
    return raise(exc::ValueError, "embedded null character");
  return std::string(text);
}

// ---- getaddrinfo / getnameinfo ----------------------------------------------------------------

// getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)
Result<Ref<Object>> socket_getaddrinfo(Object*, Object* const* args, size_t nargs, Object* kw) {
  static const ArgParser kParser("getaddrinfo", "host port | family type proto flags");
  Object* a[6];
  TRY(kParser.parse(args, nargs, kw, a));
  std::string host, port;
  bool has_host = !is_none(a[0]), has_port = !is_none(a[1]);
  if (has_host) {
    if (!is_str(a[0]) && !is_bytes(a[0]))
      return raise(exc::TypeError, "getaddrinfo() argument 1 must be string or None");
    TRY(host_argument(a[0], &host));
  }
  if (is_int(a[1])) {
    port = std::to_string(TRY(index_as_i64(a[1], exc::OverflowError)));
  } else if (is_str(a[1])) {
    port.assign(TRY(str_utf8(a[1])));
  } else if (is_bytes(a[1])) {
    port.assign(bytes_view(a[1]));
  } else if (has_port) {
    return raise(exc::OSError, "Int or String expected");
  }
  addrinfo hints{};
  hints.ai_family = TRY(int_argument(a[2], 0));
  hints.ai_socktype = TRY(int_argument(a[3], 0));
  hints.ai_protocol = TRY(int_argument(a[4], 0));
  hints.ai_flags = TRY(int_argument(a[5], 0));
  addrinfo* found = nullptr;
  int rc;
  {
    core::DetachGuard detached;
    rc = getaddrinfo(has_host ? host.c_str() : nullptr, has_port ? port.c_str() : nullptr,
                     &hints, &found);
  }
  if (rc != 0) return raise_gai_error(rc);
  struct Release {
    addrinfo* list;
    ~Release() { freeaddrinfo(list); }
  } release{found};
  Ref<Object> out = TRY(list_new(0));
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    Ref<Object> family = TRY(int_from_i64(ai->ai_family));
    Ref<Object> type = TRY(int_from_i64(ai->ai_socktype));
    Ref<Object> proto = TRY(int_from_i64(ai->ai_protocol));
    Ref<Object> canon = TRY(str_from_utf8(ai->ai_canonname ? ai->ai_canonname : ""));
    Ref<Object> address = TRY(make_address(ai->ai_addr, ai->ai_addrlen));
    Ref<Object> entry =
        TRY(tuple_pack({family.get(), type.get(), proto.get(), canon.get(), address.get()}));
    TRY(list_append(out.get(), entry.get()));
  }
  return out;
}

// getnameinfo(sockaddr, flags) -> (host, port)
Result<Ref<Object>> socket_getnameinfo(Object*, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("getnameinfo", nargs, kw, 2, 2));
  Object* sa = args[0];
  if (!is_tuple(sa)) return raise(exc::TypeError, "getnameinfo() argument 1 must be a tuple");
  int flags = TRY(int_argument(args[1], 0));
  int64_t n = tuple_size(sa);
  if (n < 2 || n > 4 || !is_str(tuple_item(sa, 0)) || !is_int(tuple_item(sa, 1)))
    return raise(exc::TypeError, "getnameinfo(): illegal sockaddr argument");
  std::string host(TRY(str_utf8(tuple_item(sa, 0))));
  int64_t port = TRY(index_as_i64(tuple_item(sa, 1), exc::OverflowError));
  int64_t flowinfo = n > 2 ? TRY(index_as_i64(tuple_item(sa, 2), exc::OverflowError)) : 0;
  int64_t scope_id = n > 3 ? TRY(index_as_i64(tuple_item(sa, 3), exc::OverflowError)) : 0;
  if (flowinfo < 0 || flowinfo > 0xfffff)
    return raise(exc::OverflowError, "getnameinfo(): flowinfo must be 0-1048575.");
  std::string port_text = std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_NUMERICHOST;
  addrinfo* found = nullptr;
  int rc;
  {
    core::DetachGuard detached;
    rc = getaddrinfo(host.c_str(), port_text.c_str(), &hints, &found);
  }
  if (rc != 0) return raise_gai_error(rc);
  SockAddr addr;
  bool several = found->ai_next != nullptr;
  std::memcpy(&addr.storage, found->ai_addr, found->ai_addrlen);
  addr.length = found->ai_addrlen;
  freeaddrinfo(found);
  if (several) return raise(exc::OSError, "sockaddr resolved to multiple addresses");
  if (addr.storage.ss_family == AF_INET) {
    if (n != 2) return raise(exc::OSError, "IPv4 sockaddr must be 2 tuple");
  } else if (addr.storage.ss_family == AF_INET6) {
    auto* a6 = reinterpret_cast<sockaddr_in6*>(&addr.storage);
    a6->sin6_flowinfo = htonl(static_cast<uint32_t>(flowinfo));
    a6->sin6_scope_id = static_cast<uint32_t>(scope_id);
  }
  char host_out[NI_MAXHOST], serv_out[NI_MAXSERV];
  {
    core::DetachGuard detached;
    rc = getnameinfo(addr.get(), addr.length, host_out, sizeof host_out, serv_out,
                     sizeof serv_out, flags);
  }
  if (rc != 0) return raise_gai_error(rc);
  Ref<Object> h = TRY(str_from_utf8(host_out));
  Ref<Object> s = TRY(str_from_utf8(serv_out));
  return tuple_pack({h.get(), s.get()});
}

// ---- host entries -----------------------------------------------------------------------------

Result<Ref<Object>> gethostname_fn(Object*, Object* const*, size_t, Object*) {
  char name[1024];
  if (gethostname(name, sizeof name - 1) < 0) return raise_os_error(errno);
  name[sizeof name - 1] = 0;
  return posix_module::fs_decode(name);
}

Result<Ref<Object>> gethostbyname_fn(Object*, Object* const* args, size_t, Object*) {
  SockAddr addr;
  TRY(resolve_host_name(args[0], AF_INET, &addr));
  return ip_text(addr.get());
}

// (hostname, aliases, addresses) from a hostent.
Result<Ref<Object>> host_entry(const hostent* h) {
  Ref<Object> aliases = TRY(list_new(0));
  for (char** p = h->h_aliases; p && *p; ++p) {
    Ref<Object> alias = TRY(str_from_utf8(*p));
    TRY(list_append(aliases.get(), alias.get()));
  }
  Ref<Object> addresses = TRY(list_new(0));
  for (char** p = h->h_addr_list; p && *p; ++p) {
    char text[INET6_ADDRSTRLEN];
    if (!inet_ntop(h->h_addrtype, *p, text, sizeof text)) return raise_os_error(errno);
    Ref<Object> address = TRY(str_from_ascii(text));
    TRY(list_append(addresses.get(), address.get()));
  }
  Ref<Object> name = TRY(str_from_utf8(h->h_name));
  return tuple_pack({name.get(), aliases.get(), addresses.get()});
}

// Runs a *_r host look-up with a growing buffer; `lookup(entry, buf, size, &result, &h_err)`.
template <class Lookup>
Result<Ref<Object>> host_lookup(Lookup&& lookup) {
  std::vector<char> buffer(16384);
  hostent entry;
  hostent* result = nullptr;
  int h_err = 0, rc;
  for (;;) {
    {
      core::DetachGuard detached;
      rc = lookup(&entry, buffer.data(), buffer.size(), &result, &h_err);
    }
    if (rc != ERANGE || buffer.size() > (1u << 22)) break;
    buffer.resize(buffer.size() * 2);
  }
  if (!result) return raise_host_error(h_err ? h_err : HOST_NOT_FOUND);
  return host_entry(result);
}

Result<Ref<Object>> gethostbyname_ex_fn(Object*, Object* const* args, size_t, Object*) {
  SockAddr addr;
  TRY(resolve_host_name(args[0], AF_INET, &addr));
  std::string name;
  TRY(host_argument(args[0], &name));
  return host_lookup([&](hostent* e, char* buf, size_t size, hostent** out, int* h_err) {
    return gethostbyname2_r(name.c_str(), AF_INET, e, buf, size, out, h_err);
  });
}

Result<Ref<Object>> gethostbyaddr_fn(Object*, Object* const* args, size_t, Object*) {
  SockAddr addr;
  TRY(resolve_host_name(args[0], AF_UNSPEC, &addr));
  const void* raw;
  socklen_t length;
  if (addr.storage.ss_family == AF_INET6) {
    raw = &reinterpret_cast<sockaddr_in6*>(&addr.storage)->sin6_addr;
    length = sizeof(in6_addr);
  } else {
    raw = &reinterpret_cast<sockaddr_in*>(&addr.storage)->sin_addr;
    length = sizeof(in_addr);
  }
  int family = addr.storage.ss_family;
  return host_lookup([&](hostent* e, char* buf, size_t size, hostent** out, int* h_err) {
    return gethostbyaddr_r(raw, length, family, e, buf, size, out, h_err);
  });
}

// ---- services and protocols -------------------------------------------------------------------

// getservbyname(servicename[, protocolname]) -> port
Result<Ref<Object>> getservbyname_fn(Object*, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("getservbyname", nargs, kw, 1, 2));
  std::string name = TRY(str_argument("getservbyname", 1, args[0]));
  std::string proto = nargs > 1 ? TRY(str_argument("getservbyname", 2, args[1])) : "";
  servent entry, *found = nullptr;
  char buf[4096];
  getservbyname_r(name.c_str(), nargs > 1 ? proto.c_str() : nullptr, &entry, buf, sizeof buf,
                  &found);
  if (!found) return raise(exc::OSError, "service/proto not found");
  return int_from_i64(ntohs(static_cast<uint16_t>(found->s_port)));
}

// getservbyport(port[, protocolname]) -> service name
Result<Ref<Object>> getservbyport_fn(Object*, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("getservbyport", nargs, kw, 1, 2));
  int port = TRY(int_argument(args[0], 0));
  std::string proto = nargs > 1 ? TRY(str_argument("getservbyport", 2, args[1])) : "";
  if (port < 0 || port > 0xffff)
    return raise(exc::OverflowError, "getservbyport: port must be 0-65535.");
  servent entry, *found = nullptr;
  char buf[4096];
  getservbyport_r(htons(static_cast<uint16_t>(port)), nargs > 1 ? proto.c_str() : nullptr,
                  &entry, buf, sizeof buf, &found);
  if (!found) return raise(exc::OSError, "port/proto not found");
  return str_from_utf8(found->s_name);
}

Result<Ref<Object>> getprotobyname_fn(Object*, Object* const* args, size_t, Object*) {
  std::string name = TRY(str_argument("getprotobyname", 1, args[0]));
  protoent entry, *found = nullptr;
  char buf[4096];
  getprotobyname_r(name.c_str(), &entry, buf, sizeof buf, &found);
  if (!found) return raise(exc::OSError, "protocol not found");
  return int_from_i64(found->p_proto);
}

// ---- packed addresses -------------------------------------------------------------------------

Result<Ref<Object>> inet_aton_fn(Object*, Object* const* args, size_t, Object*) {
  std::string text = TRY(str_argument("inet_aton", 1, args[0]));
  in_addr packed;
  if (inet_aton(text.c_str(), &packed) == 0)
    return raise(exc::OSError, "illegal IP address string passed to inet_aton");
  return bytes_from(std::string_view(reinterpret_cast<const char*>(&packed), sizeof packed));
}

Result<Ref<Object>> inet_ntoa_fn(Object*, Object* const* args, size_t, Object*) {
  ByteView packed = TRY(byte_view(args[0]));
  if (packed.size() != sizeof(in_addr))
    return raise(exc::OSError, "packed IP wrong length for inet_ntoa");
  char text[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, packed.data(), text, sizeof text);
  return str_from_ascii(text);
}

Result<Ref<Object>> inet_pton_fn(Object*, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("inet_pton", nargs, kw, 2, 2));
  int family = TRY(int_argument(args[0], 0));
  std::string text = TRY(str_argument("inet_pton", 2, args[1]));
  unsigned char packed[sizeof(in6_addr)];
  int rc = inet_pton(family, text.c_str(), packed);
  if (rc < 0) return raise_os_error(errno);
  if (rc == 0) return raise(exc::OSError, "illegal IP address string passed to inet_pton");
  size_t length = family == AF_INET ? sizeof(in_addr) : sizeof(in6_addr);
  return bytes_from(std::string_view(reinterpret_cast<const char*>(packed), length));
}

Result<Ref<Object>> inet_ntop_fn(Object*, Object* const* args, size_t nargs, Object* kw) {
  TRY(args_positional_only("inet_ntop", nargs, kw, 2, 2));
  int family = TRY(int_argument(args[0], 0));
  ByteView packed = TRY(byte_view(args[1]));
  size_t expected;
  if (family == AF_INET) expected = sizeof(in_addr);
  else if (family == AF_INET6) expected = sizeof(in6_addr);
  else return raise(exc::ValueError, "unknown address family {}", family);
  if (packed.size() != expected)
    return raise(exc::ValueError, "invalid length of packed IP address string");
  char text[INET6_ADDRSTRLEN];
  if (!inet_ntop(family, packed.data(), text, sizeof text)) return raise_os_error(errno);
  return str_from_ascii(text);
}

// ---- interfaces -------------------------------------------------------------------------------

Result<Ref<Object>> if_nameindex_fn(Object*, Object* const*, size_t, Object*) {
  struct if_nameindex* list = if_nameindex();
  if (!list) return raise_os_error(errno);
  struct Release {
    struct if_nameindex* list;
    ~Release() { if_freenameindex(list); }
  } release{list};
  Ref<Object> out = TRY(list_new(0));
  for (struct if_nameindex* p = list; p->if_index != 0; ++p) {
    Ref<Object> index = TRY(int_from_i64(p->if_index));
    Ref<Object> name = TRY(posix_module::fs_decode(p->if_name));
    Ref<Object> entry = TRY(tuple_pack({index.get(), name.get()}));
    TRY(list_append(out.get(), entry.get()));
  }
  return out;
}

Result<Ref<Object>> if_nametoindex_fn(Object*, Object* const* args, size_t, Object*) {
  std::string name;
  TRY(posix_module::fs_convert(args[0], &name));
  unsigned index = if_nametoindex(name.c_str());
  if (index == 0) return raise(exc::OSError, "no interface with this name");
  return int_from_i64(index);
}

Result<Ref<Object>> if_indextoname_fn(Object*, Object* const* args, size_t, Object*) {
  if (!is_int(args[0]))
    return raise(exc::TypeError, "'{}' object cannot be interpreted as an integer",
                 type_name_of(args[0]));
  int64_t index = TRY(index_as_i64(args[0], exc::OverflowError));
  if (index < 0) return raise(exc::OverflowError, "can't convert negative value to unsigned int");
  if (index > UINT32_MAX)
    return raise(exc::OverflowError, "Python int too large to convert to C unsigned int");
  char name[IF_NAMESIZE + 1];
  if (!if_indextoname(static_cast<unsigned>(index), name)) return raise_os_error(errno);
  return posix_module::fs_decode(name);
}

}  // namespace

const MethodDef kNetdbFunctions[] = {
    {"getaddrinfo", socket_getaddrinfo, kMethFastcall,
     "getaddrinfo(host, port [, family, type, proto, flags])\n    -> list of (family, type, "
     "proto, canonname, sockaddr)\n\nResolve host and port into addrinfo struct."},
    {"getnameinfo", socket_getnameinfo, kMethFastcall,
     "getnameinfo(sockaddr, flags) --> (host, port)\n\nGet host and port for a sockaddr."},
    {"gethostname", gethostname_fn, kMethNoArgs,
     "gethostname() -> string\n\nReturn the current host name."},
    {"gethostbyname", gethostbyname_fn, kMethOneArg,
     "gethostbyname(host) -> address\n\nReturn the IP address (a string of the form "
     "'255.255.255.255') for a host."},
    {"gethostbyname_ex", gethostbyname_ex_fn, kMethOneArg,
     "gethostbyname_ex(host) -> (name, aliaslist, addresslist)\n\nReturn the true host name, a "
     "list of aliases, and a list of IP addresses,\nfor a host.  The host argument is a string "
     "giving a host name or IP number."},
    {"gethostbyaddr", gethostbyaddr_fn, kMethOneArg,
     "gethostbyaddr(host) -> (name, aliaslist, addresslist)\n\nReturn the true host name, a "
     "list of aliases, and a list of IP addresses,\nfor a host.  The host argument is a string "
     "giving a host name or IP number."},
    {"getservbyname", getservbyname_fn, kMethFastcall,
     "getservbyname(servicename[, protocolname]) -> integer\n\nReturn a port number from a "
     "service name and protocol name.\nThe optional protocol name, if given, should be 'tcp' or "
     "'udp',\notherwise any protocol will match."},
    {"getservbyport", getservbyport_fn, kMethFastcall,
     "getservbyport(port[, protocolname]) -> string\n\nReturn the service name from a port "
     "number and protocol name.\nThe optional protocol name, if given, should be 'tcp' or "
     "'udp',\notherwise any protocol will match."},
    {"getprotobyname", getprotobyname_fn, kMethOneArg,
     "getprotobyname(name) -> integer\n\nReturn the protocol number for the named protocol.  "
     "(Rarely used.)"},
    {"inet_aton", inet_aton_fn, kMethOneArg,
     "Convert an IP address in string format (123.45.67.89) to the 32-bit packed binary format "
     "used in low-level network functions."},
    {"inet_ntoa", inet_ntoa_fn, kMethOneArg,
     "Convert an IP address from 32-bit packed binary format to string format."},
    {"inet_pton", inet_pton_fn, kMethFastcall,
     "inet_pton(af, ip) -> packed IP address string\n\nConvert an IP address from string format "
     "to a packed string suitable\nfor use with low-level network functions."},
    {"inet_ntop", inet_ntop_fn, kMethFastcall,
     "inet_ntop(af, packed_ip) -> string formatted IP address\n\nConvert a packed IP address "
     "of the given family to string format."},
    {"if_nameindex", if_nameindex_fn, kMethNoArgs,
     "if_nameindex()\n\nReturns a list of network interface information (index, name) tuples."},
    {"if_nametoindex", if_nametoindex_fn, kMethOneArg,
     "Returns the interface index corresponding to the interface name if_name."},
    {"if_indextoname", if_indextoname_fn, kMethOneArg,
     "Returns the interface name corresponding to the interface index if_index."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace weft::socket_module

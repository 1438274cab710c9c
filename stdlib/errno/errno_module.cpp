// stdlib/errno/errno_module.cpp — the `errno` module: every E* error number Linux defines, and
// `errorcode`, the dict from number to name (CPython's Modules/errnomodule.c).
//
// The values come from <errno.h> at build time, never hard-coded numbers. Names are added in
// CPython's order, so for aliases (EAGAIN/EWOULDBLOCK, EDEADLK/EDEADLOCK, EOPNOTSUPP/ENOTSUP)
// errorcode maps the number to the same name CPython's does: the one added last.
// Immutable after creation: no locking.
#include <cerrno>

#include "objects/dict.h"
#include "objects/errors.h"
#include "objects/int.h"
#include "objects/module.h"
#include "objects/str.h"
#include "vm/module_table.h"

namespace weft::errno_module {
namespace {

struct ErrnoName {
  const char* name;
  int value;
};

#define WEFT_ERRNO(name) {#name, name},
const ErrnoName kErrnoNames[] = {
#ifdef ENODEV
    WEFT_ERRNO(ENODEV)
#endif
#ifdef ENOCSI
    WEFT_ERRNO(ENOCSI)
#endif
#ifdef EHOSTUNREACH
    WEFT_ERRNO(EHOSTUNREACH)
#endif
#ifdef ENOMSG
    WEFT_ERRNO(ENOMSG)
#endif
#ifdef EUCLEAN
    WEFT_ERRNO(EUCLEAN)
#endif
#ifdef EL2NSYNC
    WEFT_ERRNO(EL2NSYNC)
#endif
#ifdef EL2HLT
    WEFT_ERRNO(EL2HLT)
#endif
#ifdef ENODATA
    WEFT_ERRNO(ENODATA)
#endif
#ifdef ENOTBLK
    WEFT_ERRNO(ENOTBLK)
#endif
#ifdef ENOSYS
    WEFT_ERRNO(ENOSYS)
#endif
#ifdef EPIPE
    WEFT_ERRNO(EPIPE)
#endif
#ifdef EINVAL
    WEFT_ERRNO(EINVAL)
#endif
#ifdef EOVERFLOW
    WEFT_ERRNO(EOVERFLOW)
#endif
#ifdef EADV
    WEFT_ERRNO(EADV)
#endif
#ifdef EINTR
    WEFT_ERRNO(EINTR)
#endif
#ifdef EUSERS
    WEFT_ERRNO(EUSERS)
#endif
#ifdef ENOTEMPTY
    WEFT_ERRNO(ENOTEMPTY)
#endif
#ifdef ENOBUFS
    WEFT_ERRNO(ENOBUFS)
#endif
#ifdef EPROTO
    WEFT_ERRNO(EPROTO)
#endif
#ifdef EREMOTE
    WEFT_ERRNO(EREMOTE)
#endif
#ifdef ENAVAIL
    WEFT_ERRNO(ENAVAIL)
#endif
#ifdef ECHILD
    WEFT_ERRNO(ECHILD)
#endif
#ifdef ELOOP
    WEFT_ERRNO(ELOOP)
#endif
#ifdef EXDEV
    WEFT_ERRNO(EXDEV)
#endif
#ifdef E2BIG
    WEFT_ERRNO(E2BIG)
#endif
#ifdef ESRCH
    WEFT_ERRNO(ESRCH)
#endif
#ifdef EMSGSIZE
    WEFT_ERRNO(EMSGSIZE)
#endif
#ifdef EAFNOSUPPORT
    WEFT_ERRNO(EAFNOSUPPORT)
#endif
#ifdef EBADR
    WEFT_ERRNO(EBADR)
#endif
#ifdef EHOSTDOWN
    WEFT_ERRNO(EHOSTDOWN)
#endif
#ifdef EPFNOSUPPORT
    WEFT_ERRNO(EPFNOSUPPORT)
#endif
#ifdef ENOPROTOOPT
    WEFT_ERRNO(ENOPROTOOPT)
#endif
#ifdef EBUSY
    WEFT_ERRNO(EBUSY)
#endif
#ifdef EWOULDBLOCK
    WEFT_ERRNO(EWOULDBLOCK)
#endif
#ifdef EBADFD
    WEFT_ERRNO(EBADFD)
#endif
#ifdef EDOTDOT
    WEFT_ERRNO(EDOTDOT)
#endif
#ifdef EISCONN
    WEFT_ERRNO(EISCONN)
#endif
#ifdef ENOANO
    WEFT_ERRNO(ENOANO)
#endif
#ifdef ESHUTDOWN
    WEFT_ERRNO(ESHUTDOWN)
#endif
#ifdef ECHRNG
    WEFT_ERRNO(ECHRNG)
#endif
#ifdef ELIBBAD
    WEFT_ERRNO(ELIBBAD)
#endif
#ifdef ENONET
    WEFT_ERRNO(ENONET)
#endif
#ifdef EBADE
    WEFT_ERRNO(EBADE)
#endif
#ifdef EBADF
    WEFT_ERRNO(EBADF)
#endif
#ifdef EMULTIHOP
    WEFT_ERRNO(EMULTIHOP)
#endif
#ifdef EIO
    WEFT_ERRNO(EIO)
#endif
#ifdef EUNATCH
    WEFT_ERRNO(EUNATCH)
#endif
#ifdef EPROTOTYPE
    WEFT_ERRNO(EPROTOTYPE)
#endif
#ifdef ENOSPC
    WEFT_ERRNO(ENOSPC)
#endif
#ifdef ENOEXEC
    WEFT_ERRNO(ENOEXEC)
#endif
#ifdef EALREADY
    WEFT_ERRNO(EALREADY)
#endif
#ifdef ENETDOWN
    WEFT_ERRNO(ENETDOWN)
#endif
#ifdef ENOTNAM
    WEFT_ERRNO(ENOTNAM)
#endif
#ifdef EACCES
    WEFT_ERRNO(EACCES)
#endif
#ifdef ELNRNG
    WEFT_ERRNO(ELNRNG)
#endif
#ifdef EILSEQ
    WEFT_ERRNO(EILSEQ)
#endif
#ifdef ENOTDIR
    WEFT_ERRNO(ENOTDIR)
#endif
#ifdef ENOTUNIQ
    WEFT_ERRNO(ENOTUNIQ)
#endif
#ifdef EPERM
    WEFT_ERRNO(EPERM)
#endif
#ifdef EDOM
    WEFT_ERRNO(EDOM)
#endif
#ifdef EXFULL
    WEFT_ERRNO(EXFULL)
#endif
#ifdef ECONNREFUSED
    WEFT_ERRNO(ECONNREFUSED)
#endif
#ifdef EISDIR
    WEFT_ERRNO(EISDIR)
#endif
#ifdef EPROTONOSUPPORT
    WEFT_ERRNO(EPROTONOSUPPORT)
#endif
#ifdef EROFS
    WEFT_ERRNO(EROFS)
#endif
#ifdef EADDRNOTAVAIL
    WEFT_ERRNO(EADDRNOTAVAIL)
#endif
#ifdef EIDRM
    WEFT_ERRNO(EIDRM)
#endif
#ifdef ECOMM
    WEFT_ERRNO(ECOMM)
#endif
#ifdef ESRMNT
    WEFT_ERRNO(ESRMNT)
#endif
#ifdef EREMOTEIO
    WEFT_ERRNO(EREMOTEIO)
#endif
#ifdef EL3RST
    WEFT_ERRNO(EL3RST)
#endif
#ifdef EBADMSG
    WEFT_ERRNO(EBADMSG)
#endif
#ifdef ENFILE
    WEFT_ERRNO(ENFILE)
#endif
#ifdef ELIBMAX
    WEFT_ERRNO(ELIBMAX)
#endif
#ifdef ESPIPE
    WEFT_ERRNO(ESPIPE)
#endif
#ifdef ENOLINK
    WEFT_ERRNO(ENOLINK)
#endif
#ifdef ENETRESET
    WEFT_ERRNO(ENETRESET)
#endif
#ifdef ETIMEDOUT
    WEFT_ERRNO(ETIMEDOUT)
#endif
#ifdef ENOENT
    WEFT_ERRNO(ENOENT)
#endif
#ifdef EEXIST
    WEFT_ERRNO(EEXIST)
#endif
#ifdef EDQUOT
    WEFT_ERRNO(EDQUOT)
#endif
#ifdef ENOSTR
    WEFT_ERRNO(ENOSTR)
#endif
#ifdef EBADSLT
    WEFT_ERRNO(EBADSLT)
#endif
#ifdef EBADRQC
    WEFT_ERRNO(EBADRQC)
#endif
#ifdef ELIBACC
    WEFT_ERRNO(ELIBACC)
#endif
#ifdef EFAULT
    WEFT_ERRNO(EFAULT)
#endif
#ifdef EFBIG
    WEFT_ERRNO(EFBIG)
#endif
#ifdef EDEADLK
    WEFT_ERRNO(EDEADLK)
#endif
#ifdef ENOTCONN
    WEFT_ERRNO(ENOTCONN)
#endif
#ifdef EDESTADDRREQ
    WEFT_ERRNO(EDESTADDRREQ)
#endif
#ifdef ELIBSCN
    WEFT_ERRNO(ELIBSCN)
#endif
#ifdef ENOLCK
    WEFT_ERRNO(ENOLCK)
#endif
#ifdef EISNAM
    WEFT_ERRNO(EISNAM)
#endif
#ifdef ECONNABORTED
    WEFT_ERRNO(ECONNABORTED)
#endif
#ifdef ENETUNREACH
    WEFT_ERRNO(ENETUNREACH)
#endif
#ifdef ESTALE
    WEFT_ERRNO(ESTALE)
#endif
#ifdef ENOSR
    WEFT_ERRNO(ENOSR)
#endif
#ifdef ENOMEM
    WEFT_ERRNO(ENOMEM)
#endif
#ifdef ENOTSOCK
    WEFT_ERRNO(ENOTSOCK)
#endif
#ifdef ESTRPIPE
    WEFT_ERRNO(ESTRPIPE)
#endif
#ifdef EMLINK
    WEFT_ERRNO(EMLINK)
#endif
#ifdef ERANGE
    WEFT_ERRNO(ERANGE)
#endif
#ifdef ELIBEXEC
    WEFT_ERRNO(ELIBEXEC)
#endif
#ifdef EL3HLT
    WEFT_ERRNO(EL3HLT)
#endif
#ifdef ECONNRESET
    WEFT_ERRNO(ECONNRESET)
#endif
#ifdef EADDRINUSE
    WEFT_ERRNO(EADDRINUSE)
#endif
#ifdef EOPNOTSUPP
    WEFT_ERRNO(EOPNOTSUPP)
#endif
#ifdef EREMCHG
    WEFT_ERRNO(EREMCHG)
#endif
#ifdef EAGAIN
    WEFT_ERRNO(EAGAIN)
#endif
#ifdef ENAMETOOLONG
    WEFT_ERRNO(ENAMETOOLONG)
#endif
#ifdef ENOTTY
    WEFT_ERRNO(ENOTTY)
#endif
#ifdef ERESTART
    WEFT_ERRNO(ERESTART)
#endif
#ifdef ESOCKTNOSUPPORT
    WEFT_ERRNO(ESOCKTNOSUPPORT)
#endif
#ifdef ETIME
    WEFT_ERRNO(ETIME)
#endif
#ifdef EBFONT
    WEFT_ERRNO(EBFONT)
#endif
#ifdef EDEADLOCK
    WEFT_ERRNO(EDEADLOCK)
#endif
#ifdef ETOOMANYREFS
    WEFT_ERRNO(ETOOMANYREFS)
#endif
#ifdef EMFILE
    WEFT_ERRNO(EMFILE)
#endif
#ifdef ETXTBSY
    WEFT_ERRNO(ETXTBSY)
#endif
#ifdef EINPROGRESS
    WEFT_ERRNO(EINPROGRESS)
#endif
#ifdef ENXIO
    WEFT_ERRNO(ENXIO)
#endif
#ifdef ENOPKG
    WEFT_ERRNO(ENOPKG)
#endif
#ifdef ENOMEDIUM
    WEFT_ERRNO(ENOMEDIUM)
#endif
#ifdef EMEDIUMTYPE
    WEFT_ERRNO(EMEDIUMTYPE)
#endif
#ifdef ECANCELED
    WEFT_ERRNO(ECANCELED)
#endif
#ifdef ENOKEY
    WEFT_ERRNO(ENOKEY)
#endif
#ifdef EKEYEXPIRED
    WEFT_ERRNO(EKEYEXPIRED)
#endif
#ifdef EKEYREVOKED
    WEFT_ERRNO(EKEYREVOKED)
#endif
#ifdef EKEYREJECTED
    WEFT_ERRNO(EKEYREJECTED)
#endif
#ifdef EOWNERDEAD
    WEFT_ERRNO(EOWNERDEAD)
#endif
#ifdef ENOTRECOVERABLE
    WEFT_ERRNO(ENOTRECOVERABLE)
#endif
#ifdef ERFKILL
    WEFT_ERRNO(ERFKILL)
#endif
#ifdef ENOTSUP
    WEFT_ERRNO(ENOTSUP)
#endif
};
#undef WEFT_ERRNO

constexpr const char* kErrnoDoc =
    "This module makes available standard errno system symbols.\n\n"
    "The value of each symbol is the corresponding integer value,\n"
    "e.g., on most systems, errno.ENOENT equals the integer 2.\n\n"
    "The dictionary errno.errorcode maps numeric codes to symbol names,\n"
    "e.g., errno.errorcode[2] could be the string 'ENOENT'.\n\n"
    "Symbols that are not relevant to the underlying system are not defined.\n\n"
    "To map error codes to error messages, use the function os.strerror(),\n"
    "e.g. os.strerror(2) could return 'No such file or directory'.";

Result<Ref<Object>> create_errno_module() {
  Ref<Object> m = TRY(module_new("errno"));
  Object* dict = module_dict(m.get());
  Ref<Object> doc = TRY(str_from_ascii(kErrnoDoc));
  TRY(dict_set_item_str(dict, "__doc__", doc.get()));
  Ref<Object> errorcode = TRY(dict_new());
  for (const ErrnoName& entry : kErrnoNames) {
    Ref<Object> name = TRY(str_from_ascii(entry.name));
    Ref<Object> value = TRY(int_from_i64(entry.value));
    TRY(dict_set_item(dict, name.get(), value.get()));
    TRY(dict_set_item(errorcode.get(), value.get(), name.get()));
  }
  TRY(dict_set_item_str(dict, "errorcode", errorcode.get()));
  return m;
}

WEFT_NATIVE_MODULE("errno", create_errno_module);

}  // namespace
}  // namespace weft::errno_module

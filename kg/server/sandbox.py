"""Take the network away from a query worker: a seccomp filter that makes ``socket()`` fail.

pyoxigraph evaluates ``SERVICE <iri> { … }`` by sending an HTTP request to ``iri``.
Rather than guess from the query text whether a query could do that (text checks
can be fooled), each query worker calls :func:`deny_network` before it opens the
store: from then on the kernel refuses to create any socket but a Unix one in that
process and every thread it starts, so ``SERVICE`` fails (``SERVICE SILENT`` gives
its empty result) and nothing reaches another host or a local port, whatever the
query says. The pipe to the server is a Unix socket made before the filter, so it
keeps working.

The filter (classic BPF, no dependency) answers ``EACCES`` to ``socket()`` with a
family other than ``AF_UNIX``, and to ``io_uring_setup`` (which could open sockets
on its own) and to the x32 system-call range on x86-64. It cannot be lifted:
``PR_SET_NO_NEW_PRIVS`` is set first, as the kernel requires.

FALLBACK: on a platform without seccomp (not Linux, or an architecture not listed
here) :func:`deny_network` returns False and the worker refuses every query that
mentions SERVICE at all (:func:`kg.rdf.querycheck.mentions_service`).
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys

__all__ = ["deny_network"]

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_RET_K = 0x06  # BPF_RET | BPF_K
_AF_UNIX = 1
_IO_URING_SETUP = 425  # same number on x86-64 and aarch64
_X32_BIT = 0x40000000

# machine → (AUDIT_ARCH_*, socket() number)
_ARCHES = {"x86_64": (0xC000003E, 41), "amd64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198), "arm64": (0xC00000B7, 198)}


def _stmt(code: int, k: int) -> bytes:
    return struct.pack("HBBI", code, 0, 0, k)


def _jump(code: int, k: int, jt: int, jf: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _program(arch: int, socket_nr: int) -> bytes:
    deny = _RET_ERRNO | errno.EACCES
    return b"".join([
        _stmt(_LD_W_ABS, 4),                      # seccomp_data.arch
        _jump(_JEQ_K, arch, 1, 0),
        _stmt(_RET_K, deny),                      # another ABI: refuse everything
        _stmt(_LD_W_ABS, 0),                      # seccomp_data.nr
        _jump(_JGE_K, _X32_BIT, 0, 1),
        _stmt(_RET_K, deny),
        _jump(_JEQ_K, _IO_URING_SETUP, 0, 1),
        _stmt(_RET_K, deny),
        _jump(_JEQ_K, socket_nr, 1, 0),
        _stmt(_RET_K, _RET_ALLOW),
        _stmt(_LD_W_ABS, 16),                     # seccomp_data.args[0] (low half): the address family
        _jump(_JEQ_K, _AF_UNIX, 0, 1),
        _stmt(_RET_K, _RET_ALLOW),
        _stmt(_RET_K, deny),
    ])


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def deny_network() -> bool:
    """Forbid new non-Unix sockets in this process for good; False where that is not possible here."""
    found = _ARCHES.get(platform.machine().lower())
    if not sys.platform.startswith("linux") or found is None or sys.byteorder != "little":
        return False
    program = _program(*found)
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.addressof(buffer))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0)

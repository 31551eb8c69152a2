"""Who and what `chamdiem serve` answers: only requests for the host it was started for (and this
computer's own names), so a web page cannot reach it by DNS rebinding; with a password, a login
page that sends anonymous visitors there, verifies passwords in a thread of their own (a flood of
wrong ones never holds up the pages of a logged-in user) and throttles failures per client and
over all clients."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import time
from collections import OrderedDict, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs, quote

USER = "chamdiem"
MIN_PASSWORD = 12          # characters
LOOPBACK = ("127.0.0.1", "localhost", "::1")
FREE_TRIES = 5             # wrong passwords a client may send before it must wait
LOCK_S = 60.0              # the first wait; it doubles with each further try, up to MAX_LOCK_S
MAX_LOCK_S = 3600.0
GLOBAL_TRIES = 100         # wrong passwords from all clients together per GLOBAL_WINDOW_S
GLOBAL_WINDOW_S = 600.0
MAX_PENDING = 4            # passwords waiting to be verified; more are refused at once
MAX_CLIENTS = 10_000       # clients remembered (the oldest are forgotten first)
ITERATIONS = 200_000       # PBKDF2-SHA256 rounds of a verification
PRIVATE_PATHS = ("/-/databases", "/-/databases.json")   # they give the database's path on the server
OPEN_PATHS = ("/-/login", "/-/static/", "/-/chamdiem.css", "/favicon.ico")


def hash_password(password: str) -> tuple[bytes, bytes]:
    salt = secrets.token_bytes(16)
    return salt, hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, ITERATIONS)


@dataclass
class _Client:
    tries: int = 0
    locked_until: float = 0.0


@dataclass
class LoginGuard:
    """Counts login attempts. A client's attempt is counted when it starts, so clients sending
    many at once get exactly FREE_TRIES verified before the lock; a right password clears its
    count. Times are passed in (``now``), so the rules can be checked without a clock."""
    clients: OrderedDict = field(default_factory=OrderedDict)
    failures: deque = field(default_factory=deque)

    def begin(self, client: str, now: float) -> float:
        """0 when the attempt may be verified (and is counted), else the seconds to wait."""
        while self.failures and self.failures[0] <= now - GLOBAL_WINDOW_S:
            self.failures.popleft()
        state = self.clients.get(client) or _Client()
        if state.locked_until > now:
            return state.locked_until - now
        if len(self.failures) >= GLOBAL_TRIES:
            return self.failures[0] + GLOBAL_WINDOW_S - now
        state.tries += 1
        if state.tries >= FREE_TRIES:   # the next attempt waits, doubling with every try past the free ones
            state.locked_until = now + min(LOCK_S * 2 ** (state.tries - FREE_TRIES), MAX_LOCK_S)
        self.clients[client] = state
        self.clients.move_to_end(client)
        while len(self.clients) > MAX_CLIENTS:
            self.clients.popitem(last=False)
        return 0.0

    def failed(self, now: float) -> None:
        self.failures.append(now)

    def succeeded(self, client: str) -> None:
        self.clients.pop(client, None)


class Access:
    """The access rules of one server: the Host names it answers, and the password when set."""

    def __init__(self, host: str, password: str | None = None, extra_hosts: tuple[str, ...] = (),
                 secure: bool = False):
        self.hosts = allowed_hosts(host, extra_hosts)
        self.secure = secure
        self.password = hash_password(password) if password else None
        self.guard = LoginGuard()
        self._verifier = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chamdiem-login")
        self._pending = 0

    def host_allowed(self, scope) -> bool:
        host = _header(scope, b"host")
        if host is None:
            return False
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.strip("[]").lower() in self.hosts

    async def verify(self, password: str) -> bool | None:
        """True or False, off the event loop; None when too many wait already."""
        if self._pending >= MAX_PENDING:
            return None
        self._pending += 1
        try:
            salt, want = self.password
            got = await asyncio.get_running_loop().run_in_executor(
                self._verifier, hashlib.pbkdf2_hmac, "sha256", password.encode("utf-8"), salt, ITERATIONS)
            return hmac.compare_digest(got, want)
        finally:
            self._pending -= 1


def allowed_hosts(host: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The Host names a request may carry: the address listened on (for a wildcard address, this
    computer's names and addresses), this computer's loopback names, and any named with --allow-host."""
    import socket
    names = {*LOOPBACK, host, *extra}
    if host in ("0.0.0.0", "::", ""):
        names |= {socket.gethostname(), socket.getfqdn()}
        try:
            names |= set(socket.gethostbyname_ex(socket.gethostname())[2])
        except OSError:
            pass
    return frozenset(n.strip("[]").lower() for n in names if n)


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def logged_in(datasette, scope) -> bool:
    raw = _header(scope, b"cookie")
    if not raw:
        return False
    try:
        cookie = SimpleCookie(raw).get("ds_actor")
    except CookieError:
        return False
    if cookie is None:
        return False
    from itsdangerous import BadSignature
    try:
        actor = datasette.unsign(cookie.value, "actor")
    except BadSignature:
        return False
    return isinstance(actor, dict) and isinstance(actor.get("a"), dict) and actor["a"].get("id") == USER


def wrap(app, datasette, access: Access):
    """The ASGI app behind the Host check and, with a password, the login."""
    async def guarded(scope, receive, send):
        if scope.get("type") != "http":
            return await app(scope, receive, send)
        if not access.host_allowed(scope):
            return await _plain(send, 400, "chamdiem serve answers only for the host it was started for "
                                           "(start it with --allow-host NAME to add a name)")
        path = scope.get("path", "")
        if path.rstrip("/") in PRIVATE_PATHS:
            return await _plain(send, 404, "not served")
        if access.password and not path.startswith(OPEN_PATHS) and not logged_in(datasette, scope):
            if scope.get("method") in ("GET", "HEAD"):
                target = path + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
                return await _redirect(send, "/-/login?next=" + quote(target, safe=""))
            return await _plain(send, 403, "log in first: /-/login")
        await app(scope, receive, send)
    return guarded


async def _plain(send, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": text.encode("utf-8")})


async def _redirect(send, location: str) -> None:
    await send({"type": "http.response.start", "status": 302,
                "headers": [(b"location", location.encode("latin-1")), (b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b""})


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path of this site only (browsers drop tabs and line ends
    from a URL, so '/\t/evil.example' would be another site's)."""
    if (not target or not target.startswith("/") or "\\" in target
            or any(ch < " " or ch == "\x7f" for ch in target)
            or target.startswith("//")):
        return "/"
    return target


async def login_view(datasette, request):
    """`/-/login`: the form, and its answer. A right password sets the actor cookie and goes on
    to the page asked for; a wrong one says so (403); a throttled client is told how long to wait (429)."""
    from datasette.utils.asgi import Response
    access: Access = datasette.chamdiem_access
    if access.password is None:
        return Response.redirect("/")
    target = safe_next(parse_qs(request.query_string).get("next", [None])[0])
    if request.method != "POST":
        return Response.html(_form(request, target, None))
    form = await request.post_vars()
    target = safe_next(form.get("next") or target)
    client = (request.scope.get("client") or ("?",))[0]
    wait = access.guard.begin(client, time.monotonic())
    if wait:
        return _throttled(request, target, wait)
    ok = await access.verify(form.get("password") or "")
    if ok is None:
        return _throttled(request, target, 1.0)
    if ok and form.get("username") == USER:
        access.guard.succeeded(client)
        response = Response.redirect(target)
        response.set_cookie("ds_actor", datasette.sign({"a": {"id": USER}}, "actor"), httponly=True,
                            samesite="lax", secure=access.secure)
        return response
    access.guard.failed(time.monotonic())
    return Response.html(_form(request, target, "Sai tên hoặc mật khẩu · wrong user name or password"), status=403)


def _throttled(request, target: str, wait: float):
    from datasette.utils.asgi import Response
    seconds = max(int(wait + 0.999), 1)
    message = f"Quá nhiều lần đăng nhập sai; thử lại sau {seconds} giây · too many failed logins; try again in {seconds} s"
    return Response.html(_form(request, target, message), status=429, headers={"Retry-After": str(seconds)})


def _form(request, target: str, error: str | None) -> str:
    from chamdiem.interfaces.trace_page import CSS
    token = request.scope["csrftoken"]()
    note = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập · Log in</title>'
            f"<style>{CSS} label{{display:block;margin:.5em 0}} .error{{color:#b91c1c}}</style></head><body>"
            f"<h1>Đăng nhập · Log in</h1>{note}"
            f'<form method="post" action="/-/login"><label>Tên · user name <input name="username" '
            f'autocomplete="username"></label><label>Mật khẩu · password <input type="password" name="password" '
            f'autocomplete="current-password" autofocus></label>'
            f'<input type="hidden" name="csrftoken" value="{escape(token)}">'
            f'<input type="hidden" name="next" value="{escape(target)}">'
            f'<button type="submit">Đăng nhập · log in</button></form></body></html>')

"""Start the local server: a free port on this machine, the address printed, the browser opened."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Callable
from pathlib import Path

from drafter.errors import UsageError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def free_port(host: str) -> int:
    """A port nobody listens on at `host`, chosen by the system."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def address(host: str, port: int, token: str | None) -> str:
    """The URL to open (with the access token when the server listens beyond this machine)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(
    folder: Path,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    templates_option: Path | None = None,
    open_browser: bool = True,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the drafts of `folder` until Ctrl-C."""
    import uvicorn

    from drafter.web.app import Settings, create_app

    token = None if host in LOCAL_HOSTS else secrets.token_urlsafe(18)
    try:
        chosen = port or free_port(host)
    except OSError as error:
        raise UsageError(f"无法在地址 {host} 上启动服务：{error.strerror or error}。") from None
    url = address(host, chosen, token)
    from drafter.web.security import lasting_csrf

    settings = Settings(folder=folder, templates_option=templates_option, token=token, csrf=lasting_csrf())
    app = create_app(settings)
    config = uvicorn.Config(app, host=host, port=chosen, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    announce(f"drafter 已启动：{url}")
    if token:
        announce("其他电脑请用上面这个完整网址（带访问令牌）打开；没有令牌的访问一律拒绝。")
    announce("按 Ctrl-C 停止。")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run()
    except OSError as error:
        raise UsageError(f"无法在端口 {chosen} 上启动服务：{error.strerror or error}。请换一个 --port。") from None

"""Sign-in end to end: Debian's Chromium, the chat served by `resultsqa app` with `[auth]`
and `[roles]` in its secrets, and a local OpenID Connect provider (oidc-provider-mock) on
127.0.0.1. A reader and an editor sign in; each sees what the role allows."""

from __future__ import annotations

import contextlib
import re
import shutil
import sys
from pathlib import Path

import pytest

from tests.commands import environment
from tests.servers import free_port, running
from tests.test_browser import CHROMIUM, ask, browser_page, idle

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def provider() -> str:
    """The identity provider: it signs in whoever types an address (its `sub`), with that
    address as the e-mail claim, and the one predefined user with a groups claim."""
    from oidc_provider_mock import User, run_server_in_thread

    users = [
        User(
            sub="rita@unwomen.example",
            claims={"email": "rita@unwomen.example", "groups": ["comms-editors"]},
        )
    ]
    with run_server_in_thread(port=free_port(), user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@contextlib.contextmanager
def chat_with_sign_in(store: Path, folder: Path, provider: str):
    port = free_port()
    secrets = folder / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir(parents=True)
    secrets.write_text(
        f"""
[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"
cookie_secret = "a-cookie-secret-for-the-browser-test"
client_id = "resultsqa"
client_secret = "any-secret-the-mock-accepts"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[roles]
"*@unwomen.example" = "reader"
"group:comms-editors" = "editor"
""",
        encoding="utf-8",
    )
    command = [str(Path(sys.executable).with_name("resultsqa")), "app", "--store", str(store)]
    command += ["--port", str(port), "--host", "localhost"]
    url = f"http://localhost:{port}"
    # Streamlit reads .streamlit/secrets.toml from the folder it runs in.
    with running(
        command, f"{url}/_stcore/health", folder / "app.log", env=environment(), cwd=folder
    ):
        yield url


def sign_in(page, address: str | None, button: str | None = None) -> None:
    """Press Sign in, then at the provider type an address (or pick a predefined user)."""
    from playwright.sync_api import expect

    page.get_by_role("button", name="Sign in").click()
    if button:
        page.get_by_role("button", name=button).click()
    else:
        page.locator("input[name=sub]").fill(address)
        page.get_by_role("button", name="Authorize").click()
    expect(page.get_by_text("Signed in as")).to_be_visible()
    idle(page)


@pytest.mark.parametrize(
    ("who", "role", "uploads"),
    [
        ({"address": "ana@unwomen.example"}, "reader", False),
        ({"address": None, "button": "rita@unwomen.example"}, "editor", True),
    ],
    ids=["reader", "editor"],
)
def test_a_reader_and_an_editor_sign_in_and_see_what_their_role_allows(
    indexed_store, variant_dir, tmp_path, provider, who, role, uploads
):
    from playwright.sync_api import expect

    store = tmp_path / "own-store"
    shutil.copytree(indexed_store, store)  # the editor changes what is indexed
    with chat_with_sign_in(store, tmp_path, provider) as url, browser_page(url) as page:
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        expect(page.get_by_test_id("stChatInputTextArea")).to_have_count(0)
        sign_in(page, who["address"], who.get("button"))
        email = who["address"] or who["button"]
        expect(page.get_by_text(f"Signed in as {email} ({role})")).to_be_visible()
        ask(page, "What was the shortfall on output MEX_D_2.1.1?", "$2.27 M")
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_test_id("stFileUploader")).to_have_count(1 if uploads else 0)
        expect(sidebar.get_by_text("Audit log")).to_have_count(1 if uploads else 0)
        sidebar.get_by_text("Documents", exact=True).click()
        removes = sidebar.get_by_test_id("stButton").filter(has_text="Remove")
        expect(removes).to_have_count(5 if uploads else 0)
        if not uploads:
            return
        # The editor adds a report and removes another; the audit log says who did which.
        upload = sorted(variant_dir.glob("*.pdf"))[0]
        sidebar.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
        sidebar.get_by_role("button", name="Index uploaded files").click()
        expect(sidebar.get_by_text(f"{upload.name}: indexed")).to_be_visible()
        idle(page)
        removes.first.get_by_role("button").click()
        sidebar.get_by_role("button", name="Confirm").click()
        expect(sidebar.get_by_text(re.compile("^Removed "))).to_be_visible()
        idle(page)
        sidebar.get_by_text("Audit log", exact=True).click()
        expect(sidebar.get_by_text(f"{email} added {upload.name}")).to_be_visible()
        expect(sidebar.get_by_text(f"{email} removed ")).to_be_visible()

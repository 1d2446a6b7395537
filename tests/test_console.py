"""The agent console in a real browser: Debian's chromium driven by Playwright against `baton serve`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest

from tests.test_serve_process import free_port, start

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
KEY = "proc-agent-key"  # what tests.test_serve_process.start configures
CANONICAL = "my order from yesterday hasn't shipped also does this product work with a Model A"

if not shutil.which(CHROMIUM) and not os.environ.get("CI"):
    pytest.skip("Debian's chromium is not installed (CI installs it: apt-get install chromium)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db, port = tmp_path_factory.mktemp("console") / "console.db", free_port()
    proc = start(db, port)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


def customer(base: str, customer_id: str = "c-1001") -> tuple[str, dict]:
    conv = httpx.post(f"{base}/v1/conversations", json={"customer_id": customer_id}).json()
    return conv["id"], {"Authorization": f"Bearer {conv['token']}"}


def say(base: str, conv: str, auth: dict, text: str) -> dict:
    r = httpx.post(f"{base}/v1/conversations/{conv}/messages", json={"text": text}, headers=auth, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()


def signed_in_page(browser, base: str):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{base}/console")
    page.get_by_test_id("agent-key").fill(KEY)
    page.get_by_test_id("sign-in").click()
    page.wait_for_selector("#app:not([hidden])")
    return page


def test_agent_takes_a_handoff_end_to_end(server, browser):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = signed_in_page(browser, server)
    conv, auth = customer(server)
    say(server, conv, auth, "can I pay with paypal? it's for order #A-12345")
    assert say(server, conv, auth, CANONICAL)["outcome"] == "partial"

    item = page.get_by_test_id("queue-item").filter(has_text="Ana Souza")
    item.wait_for(timeout=10_000)  # arrives by itself, no reload
    assert "low_confidence" in item.inner_text()
    page.screenshot(path=str(ARTIFACTS / "queue.png"))

    item.click()
    brief = page.get_by_test_id("brief")
    expect(brief).to_contain_text("Ana Souza")  # waits: the panel shows before its fetch fills it
    stuck = page.get_by_test_id("stuck-on")
    assert stuck.locator("mark").inner_text() == "does this product work with a Model A"
    assert "shipping-times" in brief.inner_text()  # what was already answered
    assert page.get_by_test_id("details").inner_text() == "Details given: #A-12345"  # from an earlier message
    box = brief.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800  # the whole brief, no scrolling
    transcript = page.get_by_test_id("transcript")
    assert "orders 0." in transcript.inner_text()  # per-intent confidences on AI turns
    page.screenshot(path=str(ARTIFACTS / "handoff.png"))

    say(server, conv, auth, "is anyone there?")
    page.wait_for_function("document.querySelector('[data-testid=transcript]').innerText.includes('is anyone there?')",
                           timeout=10_000)

    page.get_by_test_id("claim").click()
    page.wait_for_function("document.getElementById('status').innerText.startsWith('claimed')")
    page.get_by_test_id("reply-box").fill("Yes - the Model A thermostat works with every Lumo hub.")
    page.get_by_test_id("send-reply").click()
    page.wait_for_function("document.querySelector('[data-testid=transcript]').innerText.includes('every Lumo hub')")
    seen = httpx.get(f"{server}/v1/conversations/{conv}", headers=auth).json()
    assert seen["messages"][-1]["role"] == "agent" and "every Lumo hub" in seen["messages"][-1]["text"]

    page.get_by_test_id("hand-back").click()
    page.wait_for_function("document.getElementById('status').innerText.startsWith('handed_back')")
    assert say(server, conv, auth, "how do I reset my password")["outcome"] == "answer"
    page.close()


def test_customer_markup_is_shown_as_text(server, browser):
    page = signed_in_page(browser, server)
    conv, auth = customer(server, "c-1002")
    hostile = "<script>window.__pwned = 1</script><b>bold</b> I want to talk to a human"
    assert say(server, conv, auth, hostile)["reasons"] == ["user_request"]
    item = page.get_by_test_id("queue-item").filter(has_text="Ben Okafor")
    item.wait_for(timeout=10_000)
    item.click()
    page.get_by_test_id("transcript").wait_for()
    page.wait_for_function("document.querySelector('[data-testid=transcript]').innerText.includes('<script>')")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("[data-testid=transcript] b").count() == 0
    # the brief reads the message as its text (`markup.plain_text`): the tags are gone, not rendered
    assert page.locator("[data-testid=stuck-on] b").count() == 0
    assert "bold I want to talk to a human" in page.get_by_test_id("stuck-on").inner_text()
    page.close()


def test_wrong_key_is_refused(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/console")
    page.get_by_test_id("agent-key").fill("not-a-key")
    page.get_by_test_id("sign-in").click()
    page.wait_for_function("document.getElementById('sign-in-error').innerText.includes('403')")
    assert page.locator("#app").is_hidden()
    page.close()

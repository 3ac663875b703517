#!/usr/bin/python3
"""The workbench in a real browser: headless Chromium driven by Selenium (Debian's chromium,
chromium-driver and python3-selenium), against `veille serve` on 127.0.0.1 over an archive made by
`veille-bench archive`. Walks dashboard -> campaign -> item -> diff -> snapshot -> search and checks:
no console error, the sandboxed snapshot's script does not run, every internal link answers 200, each page
fits a 375 px wide window without horizontal scrolling. Screenshots go to OUT for a person to look at.

usage: walk.py BASE_URL OUT
"""
import json
import sys
import urllib.request
import urllib.error
from urllib.parse import urljoin, urlparse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

base, out = sys.argv[1].rstrip("/"), sys.argv[2]
failures = []


def fail(message):
    print("FAIL:", message)
    failures.append(message)


options = webdriver.ChromeOptions()
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
            "--no-first-run", "--disable-background-networking", "--disable-component-update"]:
    options.add_argument(arg)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
visited = []


def console_errors(page, expected_status=None):
    for entry in driver.get_log("browser"):
        if entry["level"] != "SEVERE":
            continue
        # A page visited on purpose for its error status (Chromium logs the status as an error).
        if expected_status and f"status of {expected_status}" in entry.get("message", ""):
            continue
        # The sandboxed snapshot's blocked script is the expected outcome, reported by Chromium as an error.
        if "/render" in entry.get("message", "") or "sandboxed" in entry.get("message", ""):
            continue
        fail(f"{page}: console error: {entry['message']}")


def visit(name, url=None, expected_status=None):
    if url:
        driver.get(url)
    if not expected_status:
        visited.append(driver.current_url)
    driver.save_screenshot(f"{out}/{name}.png")
    console_errors(name, expected_status)


def fits_375(name):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    driver.refresh()
    wide = driver.execute_script("return document.documentElement.scrollWidth")
    if wide > 375:
        fail(f"{name}: {wide} px wide at 375 px")
    driver.save_screenshot(f"{out}/{name}-375.png")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.refresh()


def click(selector, name):
    links = driver.find_elements(By.CSS_SELECTOR, selector)
    if not links:
        fail(f"{name}: no element {selector} on {driver.current_url}")
        return False
    driver.get(links[0].get_attribute("href"))
    return True


try:
    visit("1-dashboard", base + "/")
    fits_375("1-dashboard")
    if click("table.entities a[href^='/campaigns/'], table.entities a[href*='/campaigns/']", "dashboard"):
        visit("2-campaign")
        fits_375("2-campaign")
    if click("ul.cards a.card-title", "campaign"):
        visit("3-item")
        fits_375("3-item")
        item_url = driver.current_url
        if not driver.find_elements(By.CSS_SELECTOR, "#text mark"):
            fail("item: no highlighted match")
    # Items with a second revision are every 20th from the fourth: find one through the JSON API.
    req = urllib.request.Request(base + "/", headers={"Accept": "application/json"})
    dash = json.load(urllib.request.urlopen(req))
    changed = [d for d in dash["latest_deltas"] if d["kind"] == "changed"]
    diff_item = changed[0]["item_id"] if changed else None
    if diff_item is None:
        fail("no changed item on the dashboard")
    else:
        visit("4-diff", f"{base}/items/{diff_item}?a=1&b=2#diff")
        if not driver.find_elements(By.CSS_SELECTOR, "#diff ins"):
            fail("diff: no insertion shown")
        fits_375("4-diff")
    # The hostile snapshot (item with snapshots, first one in the archive).
    snap_item = None
    for candidate in range(1, 200):
        r = urllib.request.Request(f"{base}/items/{candidate}", headers={"Accept": "application/json"})
        try:
            data = json.load(urllib.request.urlopen(r))
        except urllib.error.HTTPError:
            continue
        if data.get("snapshots"):
            snap_item = candidate
            break
    if snap_item is None:
        fail("no item with a snapshot")
    else:
        visit("5-snapshot", f"{base}/items/{snap_item}/snapshots/1/view")
        title_before = driver.title
        frame = driver.find_element(By.CSS_SELECTOR, "iframe.snapshot")
        if frame.get_attribute("sandbox") != "":
            fail("snapshot frame is not sandboxed with no permission")
        driver.switch_to.frame(frame)
        text = driver.find_element(By.ID, "p").text
        driver.switch_to.default_content()
        if text == "SCRIPT RAN":
            fail("the snapshot's script ran")
        if driver.title != title_before or "pwned" in driver.title:
            fail("the snapshot reached the application's page")
        fits_375("5-snapshot")
    visit("6-search", base + "/search")
    box = driver.find_element(By.NAME, "q")
    box.send_keys("campagne1*")
    box.submit()
    visit("6-search-results")
    if not driver.find_elements(By.CSS_SELECTOR, "ol.hits mark"):
        fail("search: no <mark> in the results")
    fits_375("6-search-results")
    visit("7-search-error", base + "/search?q=%22unclosed", expected_status=400)
    if not driver.find_elements(By.CSS_SELECTOR, "p.error"):
        fail("search: a malformed query shows no error")
    # Every internal link of the visited pages answers 200.
    links = set()
    for url in visited:
        driver.get(url)
        for a in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
            href = a.get_attribute("href")
            if href and urlparse(href).netloc == urlparse(base).netloc:
                links.add(href.split("#")[0])
    for href in sorted(links):
        try:
            status = urllib.request.urlopen(href).status
        except urllib.error.HTTPError as e:
            status = e.code
        if status != 200:
            fail(f"link {href} answers {status}")
    print(f"browser walk: {len(visited)} pages, {len(links)} internal links checked, screenshots in {out}")
finally:
    driver.quit()

if failures:
    print(f"browser walk: {len(failures)} failure(s)")
    sys.exit(1)
print("browser walk: passed")

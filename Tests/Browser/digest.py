#!/usr/bin/python3
"""HTML digests in a real browser: headless Chromium (Debian's chromium, chromium-driver, python3-selenium)
opens each given HTML digest file (the golden files of Tests/DigestsTests, French and English, file and
mail versions, and the demo's digest) and checks: no console error, no script, the summary's trend is an
inline SVG in the file version and table cells in the mail version, the demo's second digest shows its edited title, the page fits a 375 px wide window
without horizontal scrolling. A full-page screenshot of each goes to OUT for a person to look at.

usage: digest.py OUT FILE.html...
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

out, files = sys.argv[1], sys.argv[2:]
failures = []


def fail(message):
    print("FAIL:", message)
    failures.append(message)


options = webdriver.ChromeOptions()
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=900,900",
            "--no-first-run", "--disable-background-networking", "--disable-component-update"]:
    options.add_argument(arg)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    for path in files:
        name = path.replace("/", "_").lstrip("._")
        driver.set_window_size(900, 900)
        driver.get("file://" + os.path.abspath(path))
        for entry in driver.get_log("browser"):
            if entry["level"] == "SEVERE":
                fail(f"{path}: console error: {entry['message']}")
        if "demo-html" in path and "run2" in path:
            # The demo's second night: the edited title of an item linked to Russia only (a followed actor).
            body = driver.find_element(By.TAG_NAME, "body").text
            for needle in ["Titre précédent", "selon un chercheur", "En bref"]:
                if needle not in body:
                    fail(f"{path}: the demo's digest does not show {needle!r}")
        if driver.find_elements(By.TAG_NAME, "script"):
            fail(f"{path}: has a script")
        mail = ".mail." in path
        svgs = driver.find_elements(By.TAG_NAME, "svg")
        if mail and svgs:
            fail(f"{path}: the mail version has SVG")
        if "golden" in path and not mail and not svgs:
            fail(f"{path}: the file version has no SVG trend")
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(900, max(900, height + 120))
        driver.save_screenshot(f"{out}/{name}.png")
        driver.set_window_size(375, 900)
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        if wide > 375 + 1:
            fail(f"{path}: {wide} px wide in a 375 px window")
        driver.save_screenshot(f"{out}/{name}-375.png")
        print(f"ok {path} ({height} px tall)")
finally:
    driver.quit()
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)

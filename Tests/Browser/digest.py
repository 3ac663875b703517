#!/usr/bin/python3
"""HTML digests in a real browser: headless Chromium (Debian's chromium, chromium-driver, python3-selenium)
opens each given HTML digest file (the golden files of Tests/DigestsTests, French and English, file and
mail versions, and the demo's digest) and checks: no console error, no script, the summary's trend is an
inline SVG in the file version and table cells in the mail version, the demo's second digest shows its edited title, the page fits a 375 px wide window
without horizontal scrolling. The file version carries the shared style sheets in a <style> block and the
mail version none; for each golden file and its mail version, the computed styles of the digest's elements
are the same (the mail's inlined styles do what the style sheets do). A full-page screenshot of each goes to
OUT for a person to look at.

usage: digest.py OUT FILE.html...
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

out, files = sys.argv[1], sys.argv[2:]
failures = []
computed = {}

# The computed styles of the digest's elements, in document order (the trend charts left out: SVG in the file,
# table cells in mail).
STYLES = """
var props = ['font-size', 'font-weight', 'color', 'background-color', 'margin-top', 'margin-bottom',
  'padding-left', 'border-left-width', 'border-top-width', 'text-transform', 'display', 'max-width'];
var out = [];
document.querySelectorAll('.digest, .digest *').forEach(function (e) {
  if (e.closest('svg, table.bars')) return;
  var c = getComputedStyle(e);
  out.push(e.tagName + '.' + e.className + ' ' + props.map(function (p) { return c.getPropertyValue(p); }).join('|'));
});
return out;
"""


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
        styles = driver.find_elements(By.TAG_NAME, "style")
        if mail and styles:
            fail(f"{path}: the mail version has a <style> block")
        if "golden" in path and not mail and not styles:
            fail(f"{path}: the file version has no <style> block")
        if "golden" in path:
            computed[path.replace(".mail.", ".")] = computed.get(path.replace(".mail.", "."), []) + [
                (path, driver.execute_script(STYLES))]
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
for key, pair in computed.items():
    if len(pair) != 2:
        continue
    (a, sa), (b, sb) = pair
    if len(sa) < 50 or len(sa) != len(sb):
        fail(f"{a}, {b}: {len(sa)} and {len(sb)} styled elements")
        continue
    differ = [(x, y) for x, y in zip(sa, sb) if x.split(" ", 1)[1] != y.split(" ", 1)[1]]
    for x, y in differ[:5]:
        fail(f"{a} and its mail version style an element differently:\n  {x}\n  {y}")
    if not differ:
        print(f"ok {a} and {b}: the same computed styles on {len(sa)} elements")
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)

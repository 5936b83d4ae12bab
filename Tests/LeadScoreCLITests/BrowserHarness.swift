import Foundation
import TestSupport

/// Renders an HTML page in headless Chromium (Debian's `chromium`, installed by `bin/setup`) at given
/// viewport widths, through the DevTools protocol on a pipe (`--remote-debugging-pipe`: no port, no
/// network), and measures the laid-out page with JavaScript inside it: every visible text's boxes and
/// rendered font size (an SVG text's size times its chart's scale), which texts overlap, and whether the
/// page scrolls sideways. Writes a full-page PNG per width. The driver is the project's Python with only
/// its standard library.
enum BrowserHarness {
    struct Layout: Decodable {
        struct Small: Decodable { var text: String; var px: Double }
        struct Overlap: Decodable { var a: String; var b: String }
        var width: Int
        var innerWidth: Int
        var scrollWidth: Int
        var texts: Int
        var svgTexts: Int
        var small: [Small]
        var overlaps: [Overlap]
        var screenshot: String
    }

    /// The Chromium binary: `LEADSCORE_CHROMIUM`, else Debian's `/usr/bin/chromium`.
    static var chromium: String {
        ProcessInfo.processInfo.environment["LEADSCORE_CHROMIUM"] ?? "/usr/bin/chromium"
    }

    /// Lays `page` out at each width, saving `<name>-<width>px.png` in `folder`.
    static func measure(page: URL, widths: [Int], folder: URL, name: String) throws -> [Layout] {
        guard FileManager.default.isExecutableFile(atPath: chromium) else { throw MissingTool("chromium (\(chromium))") }
        let script = folder.appendingPathComponent("measure-layout.py")
        try driver.write(to: script, atomically: true, encoding: .utf8)
        let process = try ProjectPython.process([script.path, chromium, page.absoluteString, folder.path, name] + widths.map(String.init))
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complained = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HarnessFailure(description: "the browser harness failed (status \(process.terminationStatus)): \(String(decoding: complained, as: UTF8.self))")
        }
        return try JSONDecoder().decode([Layout].self, from: printed)
    }

    struct HarnessFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The Python driver: starts Chromium with the DevTools protocol on file descriptors 3 and 4, and per
    /// width sets the viewport (a phone's is a mobile viewport), loads the page, runs `measureScript` and
    /// captures the whole page.
    static let driver = #"""
import base64, json, os, shutil, subprocess, sys, tempfile, time

chromium, url, folder, name = sys.argv[1:5]
widths = [int(w) for w in sys.argv[5:]]
profile = tempfile.mkdtemp(prefix="leadscore-chromium-")
to_browser_r, to_browser_w = os.pipe()
from_browser_r, from_browser_w = os.pipe()

def child():
    a, b = os.dup(to_browser_r), os.dup(from_browser_w)
    os.dup2(a, 3); os.dup2(b, 4)

browser = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
     "--disable-extensions", "--hide-scrollbars", "--remote-debugging-pipe", "--user-data-dir=" + profile],
    preexec_fn=child, close_fds=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_browser_r); os.close(from_browser_w)
pending = b""
counter = 0

def call(method, params=None, session=None, timeout=20):
    global pending, counter
    counter += 1
    message = {"id": counter, "method": method, "params": params or {}}
    if session: message["sessionId"] = session
    os.write(to_browser_w, json.dumps(message).encode() + b"\0")
    deadline = time.time() + timeout
    while True:
        while b"\0" not in pending:
            if time.time() > deadline: raise SystemExit(f"chromium did not answer {method} within {timeout} s")
            chunk = os.read(from_browser_r, 1 << 20)
            if not chunk: raise SystemExit(f"chromium closed the DevTools pipe during {method}")
            pending += chunk
        raw, pending = pending.split(b"\0", 1)
        reply = json.loads(raw)
        if reply.get("id") == counter:
            if "error" in reply: raise SystemExit(f"{method}: {reply['error']}")
            return reply["result"]

MEASURE = r'''
(() => {
  const items = [], small = [];
  let texts = 0, svgTexts = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const words = node.textContent.trim();
    if (!words) continue;
    const element = node.parentElement;
    if (element.closest('title, style, script')) continue;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden') continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 0.5 && r.height > 0.5);
    if (!rects.length) continue;
    let size = parseFloat(style.fontSize);
    if (element instanceof SVGElement) {
      const m = element.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
      svgTexts++;
    }
    texts++;
    const label = words.slice(0, 60);
    if (size < 9.995) small.push({text: label, px: Math.round(size * 100) / 100});
    for (const r of rects) items.push({r, label, node});
  }
  const overlaps = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], b = items[j];
      if (a.node === b.node) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w > 1.5 && h > 1.5) overlaps.push({a: a.label, b: b.label});
    }
  }
  return JSON.stringify({innerWidth: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
                         texts, svgTexts, small, overlaps: overlaps.slice(0, 50)});
})()
'''

results = []
try:
    for width in widths:
        target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        call("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}, session)
        call("Page.enable", None, session)
        call("Page.navigate", {"url": url}, session)
        for _ in range(200):
            state = call("Runtime.evaluate", {"expression": "document.readyState", "returnByValue": True}, session)["result"]["value"]
            if state == "complete": break
            time.sleep(0.05)
        measured = json.loads(call("Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session)["result"]["value"])
        metrics = call("Page.getLayoutMetrics", None, session)
        height = int(metrics["cssContentSize"]["height"]) + 1
        call("Emulation.setDeviceMetricsOverride", {"width": width, "height": min(height, 16000), "deviceScaleFactor": 1, "mobile": width < 600}, session)
        shot = call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False}, session, timeout=60)
        path = os.path.join(folder, f"{name}-{width}px.png")
        with open(path, "wb") as f: f.write(base64.b64decode(shot["data"]))
        measured.update(width=width, screenshot=path)
        results.append(measured)
        call("Target.closeTarget", {"targetId": target})
    try: call("Browser.close", timeout=5)
    except SystemExit: pass
finally:
    try: browser.wait(timeout=10)
    except subprocess.TimeoutExpired: browser.kill(); browser.wait()
    shutil.rmtree(profile, ignore_errors=True)
print(json.dumps(results))
"""#
}

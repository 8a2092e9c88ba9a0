#!/usr/bin/env python3
"""The preview measured from outside, as a member sees it.

    python3 scripts/preview-latency.py --port PORT --pid PID --content DIR --theme DIR [--edits 5]

Against a running `briefing serve` (PID, on 127.0.0.1:PORT, over the content
folder DIR and a theme folder holding `i18n/en.yaml`), it listens to the
live-reload stream as an open page does, then for each kind of edit saves
the file EDITS times and, for each save, times from just before the write
to the moment a GET of the page that shows the edit returns it: it waits
for a `reload` event, fetches the page, and waits for the next event if the
page does not show the edit yet. The page's bytes are compared with the
reload script taken out (it names the generation).

Memory is the resident set of the preview and every process it started
(summed over the process tree, from /proc), sampled every 20 ms: the largest
while edits are served, and the largest over the whole session since the
client started.

Prints one JSON object: for each kind its times in ms, and the memory in
MiB. Reads and writes only the files it edits (the caller restores them).
"""

import argparse
import http.client
import json
import os
import queue
import re
import sys
import threading
import time

RELOAD_SCRIPT = re.compile(rb'<script src="/__briefing/reload\.js"[^>]*></script>\n?')


def tree_rss_kib(pid):
    """Resident KiB of `pid` and all its descendants."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


class Memory(threading.Thread):
    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.editing = 0
        self.measuring = False
        self.stop = False

    def run(self):
        while not self.stop:
            kib = tree_rss_kib(self.pid)
            self.peak = max(self.peak, kib)
            if self.measuring:
                self.editing = max(self.editing, kib)
            time.sleep(0.02)


class Reloads(threading.Thread):
    """The live-reload stream: the time of each `reload` event."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port = port
        self.events = queue.Queue()
        self.ready = threading.Event()

    def run(self):
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=None)
                conn.request("GET", "/__briefing/events")
                resp = conn.getresponse()
                self.ready.set()
                while True:
                    line = resp.fp.readline()
                    if not line:
                        break
                    if line.strip() == b"event: reload":
                        self.events.put(time.monotonic())
            except OSError:
                time.sleep(0.05)


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, RELOAD_SCRIPT.sub(b"", body)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def save(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def first_sub(pattern, repl, text):
    return re.sub(pattern, repl, text, count=1, flags=re.M)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--content", required=True)
    ap.add_argument("--theme", required=True)
    ap.add_argument("--edits", type=int, default=5)
    args = ap.parse_args()
    content = args.content

    def listed(folder, ext):
        out = []
        for root, _, names in os.walk(os.path.join(content, folder)):
            out.extend(os.path.join(root, n) for n in names if n.endswith(ext))
        return sorted(out)

    meetings = listed("meetings", ".md")
    pages = listed("pages", ".md")
    updates = listed("updates", ".yaml")
    meeting, latest, page, update = meetings[2], meetings[-1], pages[2], updates[-1]
    stem = lambda p: os.path.splitext(os.path.basename(p))[0]
    statuses = ["in-progress", "done", "open"]

    # label, file, url, edit(i, text) -> text, marker(i) or None (the page changes)
    kinds = [
        (
            "a note's body",
            meeting,
            f"/meetings/{stem(meeting)}/",
            lambda i, t: t + f"\nOne more paragraph of notes, save {i}.\n",
            lambda i: f"One more paragraph of notes, save {i}.",
        ),
        (
            "a note's title",
            page,
            f"/pages/{stem(page)}/",
            lambda i, t: first_sub(r"^title: .*", f'title: "A retitled page, save {i}"', t),
            lambda i: f"A retitled page, save {i}",
        ),
        (
            "a meeting's actions",
            meeting,
            f"/meetings/{stem(meeting)}/",
            lambda i, t: re.sub(r"status: [a-z-]*,", f"status: {statuses[i % 3]},", t, count=1),
            None,
        ),
        (
            "the latest meeting's body",
            latest,
            f"/meetings/{stem(latest)}/",
            lambda i, t: t + f"\nOne more paragraph of notes, save {i}.\n",
            lambda i: f"One more paragraph of notes, save {i}.",
        ),
        (
            "an update",
            update,
            f"/groups/{stem(update)}/",
            lambda i, t: first_sub(r"progress: [0-9]*", f"progress: {40 + i}", t),
            None,
        ),
        (
            "site.yaml",
            os.path.join(content, "site.yaml"),
            "/",
            lambda i, t: first_sub(r"^title: .*", f"title: Synthetic committee, save {i}", t),
            lambda i: f"Synthetic committee, save {i}",
        ),
        (
            "a theme file",
            os.path.join(args.theme, "i18n", "en.yaml"),
            "/",
            lambda i, t: f'nav_dashboard: "Dashboard {i}"\n',
            lambda i: f"Dashboard {i}",
        ),
    ]

    memory = Memory(args.pid)
    memory.start()
    reloads = Reloads(args.port)
    reloads.start()
    reloads.ready.wait(30)
    time.sleep(0.5)
    results = {}
    for label, path, url, edit, marker in kinds:
        times = []
        for i in range(1, args.edits + 1):
            _, before = get(args.port, url)
            text = edit(i, read(path))
            while not reloads.events.empty():
                reloads.events.get_nowait()
            memory.measuring = True
            t0 = time.monotonic()
            save(path, text)
            served = None
            deadline = t0 + 60
            while served is None and time.monotonic() < deadline:
                try:
                    reloads.events.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                status, body = get(args.port, url)
                want = marker(i).encode() if marker else None
                shows = (want in body) if want else (body != before)
                if status == 200 and shows:
                    served = (time.monotonic() - t0) * 1000
            memory.measuring = False
            times.append(round(served) if served is not None else None)
            print(f"{label}, save {i}: {times[-1]} ms", file=sys.stderr)
            # As the benchmark always did: a save every 2 s (4 s for the
            # whole-site edits), so that background work may run between.
            pause = 4 if label in ("site.yaml", "a theme file") else 2
            time.sleep(max(0.0, pause - (time.monotonic() - t0)))
        results[label] = times
    time.sleep(1)
    memory.stop = True
    print(
        json.dumps(
            {"times": results, "editing_mib": memory.editing // 1024, "peak_mib": memory.peak // 1024}
        )
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs operations through inkwell-cli's own ConfigManager, the way its commands do
(inkwell/cli.py in 0.26.0), and prints one JSON result per operation.

Usage: python inkwell_cli_ops.py '[["add", "name", "https://...", "tech", ["summary"]], ...]'

Importing the manager takes well under a second; the `inkwell` command itself imports
the whole pipeline and takes tens of seconds on a busy machine.
"""

import json
import sys

from pydantic import HttpUrl

from inkwell.config.manager import ConfigManager
from inkwell.config.schema import AuthConfig, FeedConfig


def run(m: ConfigManager, op: list):
    kind, *args = op
    if kind == "add":
        name, url, category, templates = args
        feed = FeedConfig(url=HttpUrl(url), auth=AuthConfig(type="none"), category=category,
                          custom_templates=templates)
        return m.add_feed(name, feed)
    if kind == "set_templates":  # inkwell config feed NAME --extra-templates a,b
        name, templates = args
        feed = m.get_feed(name)
        m.update_feed(name, feed.model_copy(update={"custom_templates": templates}))
        return None
    if kind == "rename":
        m.rename_feed(args[0], args[1])
        return None
    if kind == "remove":
        m.remove_feed(args[0])
        return None
    if kind == "config_set":  # inkwell config set KEY VALUE, as cli.py converts it
        key, value = args
        config = m.load_config()
        *parents, child = key.split(".")
        obj = config
        for p in parents:
            obj = getattr(obj, p)
        current = getattr(obj, child)
        t = type(current) if current is not None else str
        if t is bool:
            value = value.lower() in ("true", "yes", "1")
        elif t is float:
            value = float(value)
        elif t is int:
            value = int(value)
        setattr(obj, child, value)
        m.save_config(config)
        return None
    if kind == "load_config":
        return m.load_config().model_dump(mode="json")
    if kind == "load_feeds":
        return {k: {"display_name": f.display_name, "url": str(f.url),
                    "custom_templates": f.custom_templates}
                for k, f in m.load_feeds().feeds.items()}
    if kind == "history":
        return [e["operation"] for e in m.get_feed_history(args[0])]
    if kind == "recent":
        return [e["operation"] for e in m.get_recent_changes(args[0])]
    raise ValueError(f"unknown operation {kind}")


def main() -> None:
    m = ConfigManager()
    out = []
    for op in json.loads(sys.argv[1]):
        try:
            out.append({"ok": True, "result": run(m, op)})
        except Exception as e:  # reported, not raised: the test asserts on it
            out.append({"ok": False, "error": f"{type(e).__name__}: {e}"})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

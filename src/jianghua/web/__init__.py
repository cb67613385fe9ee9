"""``jianghua serve``: a page in the browser for drafters who work in Word, not a terminal.

The server runs on the drafter's own machine (127.0.0.1 by default) and nothing of a
draft leaves it: the page, its script and its styles are files of this package
(``static/``), with no CDN, web font or analytics, and drafts live in memory only.

* ``app``: the Starlette application and the HTTP API the page uses (docs/web.md);
* ``requests``: reading a request (JSON or an in-memory multipart form) with a size limit;
* ``guard``: refusing cross-site requests and DNS rebinding; security headers;
* ``pool``: worker processes with a time limit per job;
* ``work``: what a worker does, through the library's public functions;
* ``outline_tree``: the outline as a tree with source lines;
* ``bench``: the server's latency against ``check(parse(text))`` in-process.

Nothing here is imported by ``import jianghua``.
"""

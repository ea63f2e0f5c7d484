"""Joining a complex with a paper code: the register decides who you are (issue 12 [1/9]).

* services.py — `join_by_code` (the register's decision), `join_request_approve` /
  `join_request_reject` (the office's, for what the register could not decide).
* selectors.py — pending requests of a complex, a user's own requests.
* views.py / api.py — /join/, the office's approval page and its API.
"""

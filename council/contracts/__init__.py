"""Procurement, contracts, renewals and audits (Arts. 55–61, 88–94; 별지 8–10; 70-procurement.md).

Pure calculations: `scoring` (별지 9), `evaluation` (별지 10), `rules` (dates and thresholds).
Writes: `services` (procurements, bids, award, contracts), `renewals` (Arts. 58–60), `audits`
(Arts. 91–92). Reads: `selectors`. The models are registered through council/models.py.
"""

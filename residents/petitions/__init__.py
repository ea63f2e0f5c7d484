"""Residents' petitions: a request that needs N distinct residents before it takes effect.

One mechanism for every request of that kind in the bylaw:

* a reconsideration of a council resolution by 10+ residents (Art. 34①, persons),
* an extraordinary council meeting demanded by 1/10 of the residents (Art. 26③4, households),
* a recall requested by the written consent of 1/10 of the ward's or complex's residents
  (Art. 23②⑥, households),
* a change of the management method proposed by 1/10 of the residents (Art. 61, households).

A signature is either given by a resident from their own account, or recorded by the office from
a paper petition with its scanned file and each signer's unit. Only residents on this complex's
roll count, each once (a unique key per household or per registered person, by the article's
rule: 40-council.md precise rule 6). The effect (owned by the council or elections app, which
registers it in `registry`) happens once, when the count reaches the threshold, inside the
transaction that holds the petition's row lock.
"""

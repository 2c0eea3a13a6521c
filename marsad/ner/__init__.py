"""Arabic named-entity recognition: corpora readers, tag mapping, features and models.

The shipped models live in ``marsad/resources/ner/``: the fast tier is a CRF (``fast.crfsuite``,
decoded in numpy by :mod:`marsad.ner.decode`), the accurate tier a char-CNN + BiLSTM-CRF run in
numpy (``accurate.npz``, :mod:`marsad.ner.neural`) decoded together with the fast CRF
(:mod:`marsad.ner.ensemble`). ``marsad train ner --model fast|accurate`` builds them
(``marsad/train/ner.py``, ``marsad/train/ner_neural.py``, ``marsad/train/ner_ensemble.py``; see
``docs/ner.md``).
"""

"""Arabic named-entity recognition: corpora readers, tag mapping, features and CRF models.

The shipped models live in ``marsad/resources/ner/`` (``fast.crfsuite``, ``accurate.crfsuite``)
and are built by ``marsad train ner`` (see ``marsad/train/ner.py`` and ``docs/ner.md``).
"""

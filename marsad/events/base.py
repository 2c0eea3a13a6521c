"""Shared vocabulary of the event coder: word lists, the Hit and Sentence records, small helpers.

Split out of :mod:`.coder` so that the role rules (:mod:`.roles`) and the coder read the same
definitions without importing each other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Trigger
from .mentions import Mention, Word

_WORD = re.compile(r"\w+")
PATIENT_NOUNS = {"قتل", "قتلي", "مقتل", "اغتيال", "خطف", "اختطاف", "اعتقال", "اعتقالات", "احتجاز", "اعدام",
                 "الافراج", "استهداف"}
VICTIM_SECTORS = {"CVL"}
SUBJECT_WINDOW, OBJECT_WINDOW, BEFORE_WINDOW, REQ_WINDOW, FRAME_WINDOW = 3, 10, 12, 4, 6
AGENT_MARKERS = {"شنه", "شنها", "شنته", "شنتها", "شنوه", "نفذه", "نفذها", "نفذته", "نفذتها",
                 "نفذوه", "يد", "ايدي", "برصاص", "بنيران", "قبل", "تبنته", "تبناه", "تبنت", "تبنى",
                 # a verb with a pronoun for the act: مظاهرة نظمتها الحركة، الهتافات التي رفعها
                 "نظمه", "نظمها", "نظمته", "نظمتها", "نظموها", "قادها", "قادته", "قادتها",
                 "رفعها", "رفعتها", "رفعوها", "اطلقه", "اطلقها", "اطلقته", "اطلقتها", "ارتكبه",
                 "ارتكبها", "ارتكبته", "ارتكبتها", "ارتكبوها"}
NUMBER_WORDS = {"ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه", "تسعه", "عشره", "عشرات",
                "مئات", "اثنين", "اثنان", "شخصين", "جنديين", "الاف", "احد", "عدد", "احدي",
                "الف", "الفا", "مليون", "ملايين", "مئه", "مائه", "مئتي", "مائتي", "مئتين",
                "ثلاث", "اربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر", "اثنتين", "اثنان"}
FUNCTION_WORDS = {"يدعي", "تدعي", "المدعو", "هناك", "هنا", "هنالك", "لدي", "لدينا", "لديه", "لديها", "منذ", "ذلك", "تلك",
                  "عندما", "حيث", "بينما", "كما", "لكن", "ولكن", "اذا", "قد", "لقد"}
SITE_NOUNS = {"موقع", "لموقع", "قاعده", "منصه", "صاله", "مركز", "مبني", "مصنع", "مجمع", "منصات",
              "قواعد", "مواقع", "حقل", "ميدان"}
OBJECT_TYPES = {"ASSAULT", "COERCE", "ACCUSE", "THREATEN", "SANCTION", "AID", "SUPPORT", "CONSULT",
                "REQUEST", "REJECT"}
COUNT_WORDS = {"زهاء", "نحو", "حوالي", "اكثر", "من", "ما", "لا", "يقل", "عن", "عشرات", "مئات",
               "الاف", "العشرات", "المئات", "الالاف"}
TIME_WORDS = {"امس", "اليوم", "اول", "من", "الليله", "صباح", "مساء", "ليلا", "فجر", "امس،",
              "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"}
NP_STOP = {"اول", "الليله", "امس", "اليوم", "الي", "علي", "في", "من", "عن", "مع", "ان", "انه", "انها", "التي", "الذي",
           "الذين", "بعد", "قبل", "خلال", "عند", "ضد", "بين", "حتي", "او", "ثم", "لم", "لن", "لا",
           "ما", "قد", "كان", "كانت", "هو", "هي", "هم", "نفسه", "نفسها", "نفسيهما", "انفسهم",
           "ايضا", "مجددا", "بدوره", "كل", "بعض", "جميع", "عليه", "عليها", "عليهم", "به", "بها",
           "له", "لها", "لهم", "منه", "منها", "فيه", "فيها", "صباح", "مساء", "ليل", "فجر", "ظهر"}
PARTICLES = {"ان", "انه", "انها", "انهم", "التي", "الذي", "الذين", "ما", "اذ", "اذا", "لكن", "ثم",
             "او", "ام", "قال", "قالت", "اعلن", "اعلنت", "ذكر", "ذكرت", "اكد", "اكدت"}
NEG_OR_MODAL = {"لم", "لن", "لا", "ما", "قد", "سوف", "لقد", "كانت", "كان"}
REFLEXIVE = {"نفسه", "نفسها", "انفسهم", "نفسيهما", "انفسهما"}
KANA = {"كان", "كانت", "كانوا", "وكان", "وكانت", "وكانوا"}
SVO_GAP = 6
CLAUSE_PUNCT = re.compile(r"[,.;:«»()\"،؛]")
PARTITIVE_HEADS = {"كميه", "كميات", "عدد", "مزيد", "عشرات", "مئات", "الاف", "بعض", "كبيره", "عناصر"}
PREP_WORDS = {"في", "وفي", "من", "الي", "علي", "عن", "منذ", "حتي", "مع", "بعد", "قبل", "خلال"}
CLAUSE_PREPOSITIONS = {"من", "في", "الي", "عن", "منذ", "خلال"}
FIRST_PERSON = {"نحن", "انا", "سنواصل", "قمنا", "لدينا"}
SHORT_QUOTE = 3
ACTOR_REQUIRED = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}
STRONG_SCOPE = {"PROTEST", "ASSAULT", "COERCE"}   # weak nouns of these stand without an actor


@dataclass
class Hit:
    trig: Trigger
    idx: int
    type: str
    prefix: str = ""
    negated: bool = False
    flipped_from: str | None = None
    modality: str | None = None
    about: str | None = None
    absorbed: bool = False
    actor: Mention | None = None
    target: Mention | None = None
    object_suffix: bool = False
    guessed: bool = False              # the actor is only a place named before a noun
    prior: bool = False                # the actor is only the nearest mention before a noun
    explicit: bool = False             # the actor follows an agent marker (نفذته، برصاص)


@dataclass
class Sentence:
    start: int                     # normalised-view offsets
    end: int
    words: list[Word]
    text: str = ""                 # the whole normalised view (offsets are into it)
    mentions: list[Mention] = field(default_factory=list)
    quote_words: set[int] = field(default_factory=set)
    triggers: set[int] = field(default_factory=set)   # word indices of the sentence's triggers


def _bare(word: str) -> str:
    return word[1:] if word[:1] in "وف" and len(word) > 2 and word[1:] not in ("ي",) else word
